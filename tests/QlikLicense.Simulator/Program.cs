using System.Globalization;
using System.Runtime.InteropServices;
using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Simulator;

/// <summary>dotnet run --project tests/QlikLicense.Simulator -- [--tenant] [--users N] [--cert-dir DIR] [--seed N] [--license-model UserBased|Token|Capacity|Mixed] [--denial-causes DIR]</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        SiteOptions options;
        string denialCauses;
        var tenant = args.Contains("--tenant");
        try
        {
            options = ParseArguments(args.Where(arg => arg != "--tenant").ToArray(), out denialCauses);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync("Usage: QlikLicense.Simulator [--tenant] [--users N] [--cert-dir DIR] [--seed N] [--license-model UserBased|Token|Capacity|Mixed] [--denial-causes DIR]");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        if (tenant) return await RunTenantAsync(options, stop.Token);
        await using var site = await SimulatedSite.StartAsync(options, stop.Token);
        if (denialCauses != null)
        {
            // Refusals of every cause three days ago, the last two days later, after the license ended.
            var denied = site.Store.Clock.UtcNow.Date.AddDays(-3).AddHours(9);
            DenialCauseScenario.Apply(site.Store, denied);
            DenialCauseScenario.WriteLogs(denialCauses, denied);
        }

        var users = site.Store.Count(QrsTypes.User);
        Console.WriteLine($"Simulated Qlik Sense site with {users} users, licence model {options.LicenseModel}.");
        if (denialCauses != null) Console.WriteLine($"Logs of denials of every cause: {denialCauses}");
        Console.WriteLine($"QRS (mutual TLS): https://{site.HostName}:{site.QrsPort}/qrs/about");
        Console.WriteLine($"Proxy:            https://{site.HostName}:{site.ProxyPort}/qrs/about (header {site.ProxyAuth.HeaderName})");
        Console.WriteLine($"Client cert:      {site.ClientCertificatePath}");
        Console.WriteLine($"CA cert:          {site.CaCertificatePath}");
        Console.WriteLine();
        Console.WriteLine("client.pfx password (shown once; type it at the Read-Host prompt):");
        Console.WriteLine(site.ClientCertificatePassword);
        Console.WriteLine();
        Console.WriteLine("PowerShell:");
        Console.WriteLine("$pw = Read-Host -AsSecureString");
        Console.WriteLine($"Connect-QlikSense -Server {site.HostName} -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' " +
                          $"-CertificatePassword $pw -CaCertificatePath '{site.CaCertificatePath}'");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }

        return 0;
    }

    /// <summary>--tenant: a simulated Qlik Cloud tenant instead of a site, with the same --users, --cert-dir and --seed.</summary>
    private static async Task<int> RunTenantAsync(SiteOptions options, CancellationToken stop)
    {
        await using var tenant = await SimulatedTenant.StartAsync(new TenantOptions
        {
            GeneratedUsers = options.GeneratedUsers,
            RandomSeed = options.RandomSeed,
            CertificateDirectory = options.CertificateDirectory,
        }, stop);
        Console.WriteLine($"Simulated Qlik Cloud tenant with {tenant.Store.Users().Count} users.");
        Console.WriteLine($"Tenant:           {tenant.BaseAddress.AbsoluteUri.TrimEnd('/')}");
        Console.WriteLine($"CA cert:          {tenant.CaCertificatePath}");
        Console.WriteLine($"OAuth client id:  {tenant.Credentials.ClientId}");
        Console.WriteLine();
        Console.WriteLine("API key (shown once; type it at the Read-Host prompt):");
        Console.WriteLine(tenant.Credentials.ApiKey);
        Console.WriteLine("OAuth client secret (shown once):");
        Console.WriteLine(tenant.Credentials.ClientSecret);
        Console.WriteLine();
        Console.WriteLine("PowerShell:");
        Console.WriteLine("$key = Read-Host -AsSecureString");
        Console.WriteLine($"Connect-QlikCloud -Tenant {tenant.BaseAddress.AbsoluteUri.TrimEnd('/')} -ApiKey $key -CaCertificatePath '{tenant.CaCertificatePath}'");
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }

        return 0;
    }

    private static SiteOptions ParseArguments(string[] args, out string denialCauses)
    {
        var options = new SiteOptions();
        denialCauses = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--users":
                    options.GeneratedUsers = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var users)
                        ? users
                        : throw new ArgumentException("--users needs a non-negative number.");
                    break;
                case "--cert-dir":
                    options.CertificateDirectory = value;
                    break;
                case "--denial-causes":
                    denialCauses = Path.GetFullPath(value);
                    break;
                case "--seed":
                    options.RandomSeed = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
                        ? seed
                        : throw new ArgumentException("--seed needs a number.");
                    break;
                case "--license-model":
                    options.LicenseModel = Enum.TryParse<LicenseModelKind>(value, ignoreCase: true, out var model) && Enum.IsDefined(model)
                        ? model
                        : throw new ArgumentException("--license-model needs one of " + string.Join(", ", Enum.GetNames<LicenseModelKind>()) + ".");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}.");
            }

            i++;
        }

        return options;
    }
}
