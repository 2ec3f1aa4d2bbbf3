namespace QlikLicense.Cloud
{
    /// <summary>What a batch action's 207 answer says about one item: its own status, and the code and title of a failure.</summary>
    internal sealed class CloudItemAnswer
    {
        public CloudItemAnswer(int status, string? code, string? title)
        {
            Status = status;
            Code = code;
            Title = title;
        }

        public int Status { get; }
        public string? Code { get; }
        public string? Title { get; }

        public bool Succeeded => Status >= 200 && Status < 300;
    }
}
