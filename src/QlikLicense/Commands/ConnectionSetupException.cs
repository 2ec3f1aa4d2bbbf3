using System;
using System.Management.Automation;

namespace QlikLicense.Commands
{
    /// <summary>A connection that cannot be set up, with the error record that says why.</summary>
    internal sealed class ConnectionSetupException : Exception
    {
        public ConnectionSetupException(ErrorRecord record) : base(record.Exception.Message, record.Exception) => Record = record;

        public ErrorRecord Record { get; }
    }
}
