using System;
using System.Collections.Generic;

namespace QlikLicense.Commands
{
    /// <summary>
    /// Whether this PowerShell runs without anyone to read its screen: started with -NonInteractive (as Task Scheduler
    /// runbooks are), or under an account without a desktop.
    /// </summary>
    internal static class NonInteractiveSession
    {
        public static bool IsCurrent { get; } = Detect(Environment.GetCommandLineArgs(), Environment.UserInteractive);

        /// <summary>
        /// pwsh and powershell.exe take any prefix of -NonInteractive from -noni on; what follows -File or -Command
        /// belongs to the script, not to PowerShell.
        /// </summary>
        internal static bool Detect(IReadOnlyList<string> arguments, bool userInteractive)
        {
            if (!userInteractive) return true;
            // The first argument is the program itself.
            for (var index = 1; index < arguments.Count; index++)
            {
                var argument = arguments[index];
                if (argument.Length < 2 || (argument[0] != '-' && argument[0] != '/')) continue;
                var name = argument.Substring(1);
                if (IsPrefixOf(name, "noninteractive", 4)) return true;
                if (IsPrefixOf(name, "file", 1) || IsPrefixOf(name, "command", 1) || IsPrefixOf(name, "encodedcommand", 1)) return false;
            }
            return false;
        }

        private static bool IsPrefixOf(string name, string parameter, int shortest) =>
            name.Length >= shortest && parameter.StartsWith(name, StringComparison.OrdinalIgnoreCase);
    }
}
