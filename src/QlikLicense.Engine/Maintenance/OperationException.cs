using System;

namespace QlikLicense.Maintenance
{
    /// <summary>A problem that stops a whole operation before it changes anything (a limit, a closed connection).</summary>
    public sealed class OperationException : Exception
    {
        public OperationException(OperationProblem problem) : base(problem.Message, problem.Exception)
        {
            Problem = problem;
        }

        public OperationProblem Problem { get; }
    }
}
