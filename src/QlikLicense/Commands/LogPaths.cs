using System;
using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Logs;

namespace QlikLicense.Commands
{
    /// <summary>Log paths as users give them (relative to the current location, drives, wildcards), as file-system paths.</summary>
    internal static class LogPaths
    {
        /// <summary>The file-system paths a PowerShell path names; an error record for one that names none.</summary>
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string path)
        {
            try
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name == "FileSystem") return resolved;
                cmdlet.WriteError(new ErrorRecord(new ArgumentException(Messages.Denials.NotFileSystemPath(path)), ErrorIds.LogPathNotFileSystem, ErrorCategory.InvalidArgument, path));
            }
            catch (Exception error) when (error is ItemNotFoundException || error is DriveNotFoundException)
            {
                cmdlet.WriteError(new ErrorRecord(new LogPathNotFoundException(path), ErrorIds.LogPathNotFound, ErrorCategory.ObjectNotFound, path));
            }
            return Array.Empty<string>();
        }
    }
}
