using System;

namespace QlikLicense.Maintenance
{
    public sealed class ChangeUndoException : Exception
    {
        public ChangeUndoException(UndoProblem problem, string message, Exception? inner = null) : base(message, inner)
        {
            Problem = problem;
        }

        public UndoProblem Problem { get; }
    }
}
