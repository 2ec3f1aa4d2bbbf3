using System.IO;

namespace QlikLicense.Logs
{
    /// <summary>
    /// A path given to <see cref="LogFileLocator"/> names no file or folder (or, with wildcards, its folder is
    /// missing). Thrown per path so that a caller can report it and go on with the others.
    /// </summary>
    public sealed class LogPathNotFoundException : IOException
    {
        public LogPathNotFoundException(string path)
            : base(LogMessages.PathNotFound(path))
        {
            Path = path;
        }

        /// <summary>The path as the caller gave it.</summary>
        public string Path { get; }
    }
}
