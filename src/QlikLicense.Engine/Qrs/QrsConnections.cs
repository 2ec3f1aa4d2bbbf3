using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>The QRS client behind a connection, for the QRS code that works on a connection's objects.</summary>
    internal static class QrsConnections
    {
        public static QrsClient Client(this QlikConnection connection) => ((QrsSite)connection.SiteApi).Client;
    }
}
