using System.Net.Http.Headers;

namespace QlikLicense.Qrs
{
    /// <summary>Header authentication through a virtual proxy: the proxy trusts a header naming the user.</summary>
    public sealed class HeaderAuthentication : QrsAuthentication
    {
        public HeaderAuthentication(string headerName, string userId)
        {
            HeaderName = headerName;
            UserId = userId;
        }

        public string HeaderName { get; }
        internal string UserId { get; }
        public override bool ThroughProxy => true;

        // The user id is the credential here: whoever sends it is that user, so it is not shown.
        public override string Description => "Header " + HeaderName;

        internal override void Apply(HttpRequestHeaders headers) => headers.TryAddWithoutValidation(HeaderName, UserId);
    }
}
