namespace QlikLicense.Logs
{
    /// <summary>What <see cref="LogFileReader.ReadLineHolding"/> found.</summary>
    internal enum LogLineKind
    {
        /// <summary>No more lines.</summary>
        End,
        /// <summary>As many fields as the header names.</summary>
        Record,
        /// <summary>The <c>Signature:&lt;TAB&gt;&lt;hex&gt;</c> line that closes some rolled files.</summary>
        Signature,
        /// <summary>A field count the header does not explain (a cut or garbled line), or a line too long to read.</summary>
        Malformed,
    }
}
