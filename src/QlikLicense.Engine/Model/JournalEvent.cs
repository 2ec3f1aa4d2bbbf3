namespace QlikLicense.Model
{
    /// <summary>What a journal line says happened.</summary>
    public enum JournalEvent
    {
        /// <summary>Written before the DELETE is sent: the intent, with everything needed to undo it.</summary>
        Release,
        /// <summary>Written after the DELETE and read-back: what actually happened.</summary>
        Result,
        /// <summary>Written before an undo allocates the user again.</summary>
        Restore,
    }
}
