using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    public class LogFileLocatorTests
    {
        private static readonly byte[] Content = { (byte)'x' };

        private static string[] Names(IEnumerable<string> files, string root) =>
            files.Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')).ToArray();

        [Fact]
        public void Folders_are_searched_recursively_for_live_and_rolled_logs()
        {
            using var folder = new TempLogFolder();
            folder.Write("Repository/Audit/N_AuditSecurity_Repository.txt", Content);
            folder.Write("Repository/Audit/N_AuditSecurity_Repository_2024-03-05T03.59.01Z.log", Content);
            folder.Write("Repository/Trace/N_License_Repository.TXT", Content);
            folder.Write("Repository/Trace/N_License_Repository.txt.zip", Content);
            folder.Write("a.txt", Content);
            folder.Write("notes.md", Content);

            var files = LogFileLocator.Resolve(folder.Path, _ => throw new Xunit.Sdk.XunitException("nothing to skip"));

            Assert.Equal(
                new[] { "a.txt", "Repository/Audit/N_AuditSecurity_Repository.txt", "Repository/Audit/N_AuditSecurity_Repository_2024-03-05T03.59.01Z.log", "Repository/Trace/N_License_Repository.TXT" },
                Names(files, folder.Path));
        }

        [Fact]
        public void A_file_is_taken_as_it_is_whatever_its_extension()
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("export.tsv", Content);

            Assert.Equal(new[] { file }, LogFileLocator.Resolve(file, _ => { }));
        }

        [Fact]
        public void Wildcards_in_the_last_segment_match_files_and_folders()
        {
            using var folder = new TempLogFolder();
            folder.Write("N_AuditSecurity_Repository.txt", Content);
            folder.Write("N_AuditSecurity_Proxy.txt", Content);
            folder.Write("N_License_Repository.txt", Content);
            folder.Write("Node2/M_AuditSecurity_Repository.txt", Content);
            folder.Write("Other/M_AuditSecurity_Repository.txt", Content);

            Assert.Equal(
                new[] { "N_AuditSecurity_Proxy.txt", "N_AuditSecurity_Repository.txt" },
                Names(LogFileLocator.Resolve(Path.Combine(folder.Path, "n_auditsecurity_*.txt"), _ => { }), folder.Path));
            Assert.Equal(
                new[] { "Node2/M_AuditSecurity_Repository.txt" },
                Names(LogFileLocator.Resolve(Path.Combine(folder.Path, "Node?"), _ => { }), folder.Path));
            Assert.Empty(LogFileLocator.Resolve(Path.Combine(folder.Path, "*.nothing"), _ => { }));
        }

        [Fact]
        public void A_pattern_without_a_folder_is_matched_in_the_current_directory()
        {
            var pattern = "*.no-log-has-this-extension-" + Guid.NewGuid().ToString("N");

            Assert.Empty(LogFileLocator.Resolve(pattern, _ => { }));
            Assert.Throws<ArgumentException>(() => LogFileLocator.Resolve(" ", _ => { }));
            Assert.Throws<ArgumentNullException>(() => LogFileLocator.Resolve(pattern, null));
        }

        [Fact]
        public void Missing_path_throws_at_once_with_the_path()
        {
            using var folder = new TempLogFolder();
            var missing = Path.Combine(folder.Path, "missing");

            var error = Assert.Throws<LogPathNotFoundException>(() => LogFileLocator.Resolve(missing, _ => { }));
            Assert.Equal(missing, error.Path);
            Assert.Equal($"Cannot find log path '{missing}' because it does not exist.", error.Message);
            Assert.Throws<LogPathNotFoundException>(() => LogFileLocator.Resolve(Path.Combine(missing, "*.txt"), _ => { }));
        }

        [Fact]
        public void Several_paths_give_each_file_once_and_report_missing_ones()
        {
            using var folder = new TempLogFolder();
            var file = folder.Write("Audit/N_AuditSecurity_Repository.txt", Content);
            var missing = Path.Combine(folder.Path, "missing");
            var notFound = new List<string>();

            var files = LogFileLocator.Resolve(new[] { folder.Path, missing, file, Path.Combine(folder.Path, "Audit") }, _ => { }, error => notFound.Add(error.Path)).ToList();

            Assert.Equal(new[] { file }, files);
            Assert.Equal(new[] { missing }, notFound);
            Assert.Throws<LogPathNotFoundException>(() => LogFileLocator.Resolve(new[] { missing }, _ => { }).ToList());
        }

        [SymbolicLinkFact]
        public void Linked_folders_are_reported_not_followed()
        {
            using var folder = new TempLogFolder();
            folder.Write("real/N_AuditSecurity_Repository.txt", Content);
            Directory.CreateSymbolicLink(Path.Combine(folder.Path, "real", "loop"), Path.Combine(folder.Path, "real"));
            var skipped = new List<string>();

            var files = LogFileLocator.Resolve(folder.Path, skipped.Add).ToList();

            Assert.Single(files);
            Assert.Equal(new[] { Path.Combine(folder.Path, "real", "loop") + ": a link to another folder, not followed." }, skipped);
        }

        [Fact]
        public void A_pattern_matches_whole_names_only()
        {
            using var folder = new TempLogFolder();
            folder.Write("a1.log", Content);
            folder.Write("ba1.log", Content);
            folder.Write("a1.logs.log", Content);

            Assert.Equal(new[] { "a1.log" }, Names(LogFileLocator.Resolve(Path.Combine(folder.Path, "a?.log"), _ => { }), folder.Path));
        }

        [Fact]
        public void Names_differing_only_in_case_are_two_files_where_the_file_system_tells_them_apart()
        {
            using var folder = new TempLogFolder();
            var upper = folder.Write("N_AuditSecurity_Repository.txt", Content);

            if (OperatingSystem.IsWindows())
            {
                // One file in two spellings is given once.
                Assert.Equal(new[] { upper }, LogFileLocator.Resolve(new[] { upper, upper.ToLowerInvariant() }, _ => { }).ToList());
            }
            else
            {
                var lower = folder.Write("n_auditsecurity_repository.txt", Content);
                Assert.Equal(new[] { upper, lower }.OrderBy(file => file, StringComparer.Ordinal),
                    LogFileLocator.Resolve(new[] { upper, lower }, _ => { }).OrderBy(file => file, StringComparer.Ordinal));
            }
        }

        [Fact]
        public void A_folder_or_file_that_cannot_be_read_is_reported_with_its_reason()
        {
            Assert.Equal("/logs/Node2: Access denied", LogMessages.FolderUnreadable("/logs/Node2", "Access denied"));
            Assert.Equal("read failed: I/O error", LogMessages.ReadFailed("I/O error"));
        }
    }

    /// <summary>A fact that runs only where this process may create symbolic links (Windows needs a privilege).</summary>
    public sealed class SymbolicLinkFactAttribute : FactAttribute
    {
        public SymbolicLinkFactAttribute()
        {
            if (!CanCreateLinks.Value) Skip = "This account cannot create symbolic links.";
        }

        private static readonly Lazy<bool> CanCreateLinks = new Lazy<bool>(() =>
        {
            using var folder = new TempLogFolder();
            try
            {
                Directory.CreateSymbolicLink(Path.Combine(folder.Path, "link"), folder.Path);
                return true;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                return false;
            }
        });

    }
}
