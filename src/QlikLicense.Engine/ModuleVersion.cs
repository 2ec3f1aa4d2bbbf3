using System.Reflection;

namespace QlikLicense
{
    /// <summary>The module version, which the build takes from QlikLicense.psd1.</summary>
    public static class ModuleVersion
    {
        public static readonly string Current = typeof(ModuleVersion).Assembly.GetName().Version!.ToString(3);
    }
}
