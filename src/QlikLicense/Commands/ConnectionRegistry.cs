using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>The default connection of each runspace, so parallel runspaces never share one by accident.</summary>
    internal static class ConnectionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        public static QlikConnection? Default
        {
            get => Current?.Connection;
            set => Slots.GetOrCreateValue(Runspace.DefaultRunspace).Connection = value;
        }

        private static Slot? Current => Runspace.DefaultRunspace != null && Slots.TryGetValue(Runspace.DefaultRunspace, out var slot) ? slot : null;

        private sealed class Slot
        {
            public QlikConnection? Connection;
        }
    }
}
