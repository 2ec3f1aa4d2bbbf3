using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace QlikLicense
{
    /// <summary>
    /// Refuses to load on .NET Framework older than 4.7.1 with a clear message: Windows PowerShell 5.1 does not enforce the
    /// manifest's DotNetFrameworkVersion above 4.5, and netstandard2.0 needs 4.7.1 to run without missing-facade errors.
    /// </summary>
    public sealed class FrameworkCheck : IModuleAssemblyInitializer
    {
        /// <summary>mscorlib's file version in .NET Framework 4.7.1 (4.7 is 4.7.2046 to 4.7.2117, 4.7.2 is 4.7.3062 and later).</summary>
        private static readonly Version Minimum = new Version(4, 7, 2556);

        public void OnImport()
        {
            var problem = UnsupportedFrameworkMessage(RuntimeInformation.FrameworkDescription);
            if (problem != null) throw new PlatformNotSupportedException(problem);
        }

        /// <summary>Null on .NET (Core) and on .NET Framework 4.7.1 or later; otherwise why the module cannot load.</summary>
        public static string? UnsupportedFrameworkMessage(string? frameworkDescription)
        {
            var match = Regex.Match(frameworkDescription ?? string.Empty, @"^\.NET Framework (\d+\.\d+\.\d+)");
            if (!match.Success || new Version(match.Groups[1].Value) >= Minimum) return null;
            return $"QlikLicense needs .NET Framework 4.7.1 or later; this Windows PowerShell runs on {frameworkDescription}. " +
                   "Install .NET Framework 4.8 (https://dotnet.microsoft.com/download/dotnet-framework) and restart PowerShell, or use PowerShell 7.";
        }
    }
}
