namespace QlikLicense.Logs
{
    /// <summary>What <see cref="LogFileReader.ReadLine"/> found.</summary>
    internal enum LogLineKind
    {
        /// <summary>No more lines.</summary>
        End,
        /// <summary>As many fields as the header names.</summary>
        Record,
        /// <summary>The <c>Signature:&lt;TAB&gt;&lt;hex&gt;</c> line that closes some rolled files.</summary>
        Signature,
        /// <summary>Empty, or a field count the header does not explain (a cut or garbled line).</summary>
        Malformed,
    }
}
