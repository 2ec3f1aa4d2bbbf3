// QlikLicense.JournalChild <server> <port> <client.pfx> <root.cer> <journal> <script>; the pfx password on standard input.
// Connects to a site the parent owns, sets $journal, prints STARTED and runs the script.
using System.Net;
using QlikLicense.Hosting;

if (args.Length != 6)
{
    Console.Error.WriteLine("usage: QlikLicense.JournalChild <server> <port> <client.pfx> <root.cer> <journal> <script>");
    return 2;
}

var password = Console.In.ReadLine() ?? string.Empty;
using var session = new ModuleSession();
session.SetVariable("password", new NetworkCredential(string.Empty, password).SecurePassword);
session.SetVariable("journal", args[4]);
var connected = session.Invoke($"Connect-QlikSense -Server {args[0]} -Port {args[1]} -CertificatePath '{args[2]}' -CertificatePassword $password -CaCertificatePath '{args[3]}'");
if (connected.Terminating != null)
{
    Console.Error.WriteLine(connected.Terminating.Message);
    return 1;
}

Console.WriteLine("STARTED");
var result = session.Invoke(args[5]);
Console.WriteLine($"ENDED {result.Output.Count} outputs");
return 0;
