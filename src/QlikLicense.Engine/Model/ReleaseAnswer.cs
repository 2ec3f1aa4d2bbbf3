namespace QlikLicense.Model
{
    /// <summary>What a site answered to a removal: removed now, or not there. Attempts above 1 mean an earlier try may have acted.</summary>
    public readonly struct ReleaseAnswer
    {
        public ReleaseAnswer(bool removed, int attempts)
        {
            Removed = removed;
            Attempts = attempts;
        }

        public bool Removed { get; }
        public int Attempts { get; }
    }
}
