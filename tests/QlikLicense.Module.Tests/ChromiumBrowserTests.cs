namespace QlikLicense.Module.Tests;

/// <summary>Without a browser the rendering tests skip on a developer's machine and fail in CI, never pass silently.</summary>
public sealed class ChromiumBrowserTests
{
    [Theory]
    [InlineData(null, ChromiumBrowser.Decision.Skip)]
    [InlineData("", ChromiumBrowser.Decision.Skip)]
    [InlineData("false", ChromiumBrowser.Decision.Skip)]
    [InlineData("true", ChromiumBrowser.Decision.Fail)]
    [InlineData("True", ChromiumBrowser.Decision.Fail)]
    public void Without_a_browser_a_rendering_test_skips_except_in_ci_where_it_fails(string ci, ChromiumBrowser.Decision expected) =>
        Assert.Equal(expected, ChromiumBrowser.Decide(null, ci));

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public void With_a_browser_a_rendering_test_runs(string ci) =>
        Assert.Equal(ChromiumBrowser.Decision.Run, ChromiumBrowser.Decide("/usr/bin/chromium", ci));

    [Fact]
    public void A_browser_named_in_the_variable_is_the_only_one_looked_for()
    {
        Assert.Equal("/opt/chrome", ChromiumBrowser.Find("/opt/chrome", path => true));
        Assert.Null(ChromiumBrowser.Find("/opt/chrome", path => path != "/opt/chrome"));
        Assert.Equal("/usr/bin/chromium-browser", ChromiumBrowser.Find(null, path => path == "/usr/bin/chromium-browser"));
        Assert.Null(ChromiumBrowser.Find(null, path => false));
    }
}
