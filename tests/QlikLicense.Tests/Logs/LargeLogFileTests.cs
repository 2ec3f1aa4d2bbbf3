using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// Memory stays flat however large the file: lines are streamed, only admitted denials are kept. The heap is the
    /// whole process's, so these tests run alone (a collection without parallelization), never beside other tests.
    /// </summary>
    [Collection(HeapMeasurements.Name)]
    public class LargeLogFileTests
    {
        private const long TargetBytes = 100L * 1024 * 1024;

        /// <summary>
        /// ~100 MB of AuditSecurity_Repository lines: mostly other commands, the service account denied about once
        /// in 40 lines and a different person once in 2,000 (so a hundred events are kept).
        /// </summary>
        private static (string File, int PeopleDenials, int ServiceDenials) WriteLargeLog(string folder)
        {
            var file = Path.Combine(folder, "BIG_AuditSecurity_Repository.txt");
            var people = 0;
            var service = 0;
            var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(1));
            using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16))
            {
                writer.NewLine = "\r\n";
                writer.WriteLine(string.Join("\t", LogFileBuilder.AuditSecurityColumns));
                for (var line = 0; writer.BaseStream.Length < TargetBytes; line++)
                {
                    var timestamp = start.AddMilliseconds(line * 250L).ToString("yyyyMMdd'T'HHmmss.fff", System.Globalization.CultureInfo.InvariantCulture) + "+0100";
                    string user, origin, command, result;
                    if (line % 2000 == 7) { user = "person" + line / 2000; origin = "AppAccess"; command = "License user access"; result = "403"; people++; }
                    else if (line % 40 == 3) { user = "qvservice"; origin = "ManagementAccess"; command = "License user access"; result = "403"; service++; }
                    else { user = "user" + (line % 50); origin = "AppAccess"; command = "Get app"; result = "0"; }
                    var session = Guid.NewGuid().ToString();
                    writer.Write(line);
                    writer.Write("\t20.4.2.0\t");
                    writer.Write(timestamp);
                    writer.Write("\tQlikServer1\t");
                    writer.Write(Guid.NewGuid().ToString());
                    writer.Write($"\tCommand={command};Result={result};ResultText=Success\t{session}\t{Guid.NewGuid()}\t0\tDOMAIN\t{user}\t0\tNot available\tLicense\tNot available\tRepository\t{origin}\t/qrs/requestaccesstype\t{command}\t{result}\t");
                    writer.Write($"Login access denied for SessionID: '{session}', Hostname: \"::ffff:172.16.16.100\", OperationType: 'UsageDenied'\t4f20885da4ded855c9ecdb6e0cbe1374bae6a60d");
                    writer.WriteLine();
                }
            }
            return (file, people, service);
        }

        [Fact]
        public void Scanning_100_MB_keeps_the_heap_small()
        {
            using var folder = new TempLogFolder();
            var (file, peopleDenials, serviceDenials) = WriteLargeLog(folder.Path);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var peak = before;
            // The exclusion filter is asked once per person, all along the file: it samples the live heap mid-scan.
            var scanner = new LicenseDenialScanner(new LicenseDenialScanOptions
            {
                ExcludeUser = (directory, userId) =>
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                    return false;
                },
            });

            using var events = scanner.Scan(new[] { file }).GetEnumerator();
            Assert.True(events.MoveNext());
            // Every line is read before the first event comes out: the kept denials are all in memory here.
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            var count = 1;
            while (events.MoveNext()) count++;

            Assert.True(scanner.Statistics.BytesRead >= TargetBytes);
            Assert.Equal(peopleDenials, count);
            Assert.Equal(serviceDenials, scanner.Statistics.ServiceAccountLines);
            var growth = peak - before;
            Assert.True(growth < 20L * 1024 * 1024, $"heap grew by {growth / 1024 / 1024} MB while scanning");
        }
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class HeapMeasurements
    {
        public const string Name = "Heap measurements";
    }
}
