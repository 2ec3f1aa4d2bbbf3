namespace QlikLicense.Module.Tests;

/// <summary>
/// The headless browser the report rendering tests need, and what a test does without one: on a developer's machine
/// it is skipped with the reason and how to get the browser (the README's test command lists it in its summary); in
/// CI (CI=true) it fails, because there .ci/setup installs Debian's chromium and a missing browser is a broken setup.
/// </summary>
public static class ChromiumBrowser
{
    /// <summary>Names the browser to use instead of looking in the usual places (a Chrome or Chromium of one's own).</summary>
    public const string PathVariable = "QLIKLICENSE_CHROMIUM";

    private static readonly string[] UsualPaths = { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" };

    public const string HowToGetIt =
        "Chromium is not installed: install Debian's chromium (sudo apt-get install chromium, as .ci/setup does) or name a Chrome or Chromium in " + PathVariable + ".";

    /// <summary>The browser found, or null.</summary>
    public static string Path { get; } = Find(Environment.GetEnvironmentVariable(PathVariable), File.Exists);

    public static string Find(string chosen, Func<string, bool> exists) =>
        string.IsNullOrEmpty(chosen) ? UsualPaths.FirstOrDefault(exists) : exists(chosen) ? chosen : null;

    public enum Decision
    {
        Run,
        Skip,
        Fail,
    }

    /// <summary>Run with a browser; without one skip, except in CI (CI=true, as CI services set it), where it fails.</summary>
    public static Decision Decide(string browser, string ciVariable) =>
        browser != null ? Decision.Run
        : string.Equals(ciVariable, "true", StringComparison.OrdinalIgnoreCase) ? Decision.Fail
        : Decision.Skip;

    /// <summary>Returns the browser to run, or ends the test as <see cref="Decide"/> says.</summary>
    public static string Require()
    {
        switch (Decide(Path, Environment.GetEnvironmentVariable("CI")))
        {
            case Decision.Fail:
                Assert.Fail(HowToGetIt + " CI=true, so a rendering test without a browser fails instead of skipping.");
                return null;
            case Decision.Skip:
                Skip.If(true, HowToGetIt);
                return null;
            default:
                return Path;
        }
    }
}
