using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Undo
{
    /// <summary>Why one change cannot be undone; the undo reports it as a problem about the change and goes on with the rest.</summary>
    internal sealed class ChangeUndoException : Exception
    {
        public ChangeUndoException(ProblemKind kind, string message) : base(message)
        {
            Kind = kind;
        }

        public ProblemKind Kind { get; }
    }
}
