namespace QlikLicense.Module.Tests;

public sealed class UserTests : SiteSessionTest
{
    [Fact]
    public void A_user_is_named_by_directory_and_id_by_guid_or_by_a_piped_user()
    {
        var jdoe = (string)site.Store.FindUser("CORP", "jdoe")["id"];

        Assert.Equal("John Doe", session.Invoke(@"Get-QlikUser CORP\jdoe").Output.Single().Text("Name"));
        Assert.Equal("Marco D'Angelo", session.Invoke(@"Get-QlikUser ""CORP EU\d'angelo""").Output.Single().Text("Name"));
        Assert.Equal("John Doe", session.Invoke($"Get-QlikUser {jdoe}").Output.Single().Text("Name"));
        Assert.Equal("John Doe", session.Invoke($"[guid]'{jdoe}' | Get-QlikUser").Output.Single().Text("Name"));
        Assert.Equal("John Doe", session.Invoke(@"Get-QlikUser -UserId jdoe | Get-QlikUser").Output.Single().Text("Name"));
    }

    [Fact]
    public void An_unknown_user_or_a_name_that_is_not_an_identity_is_a_clear_error()
    {
        var unknown = session.Invoke(@"Get-QlikUser 'CORP\nobody', 'CORP\jdoe'");
        Assert.Equal("UserNotFound", unknown.FirstErrorId);
        Assert.Equal("John Doe", unknown.Output.Single().Text("Name"));

        var malformed = session.Invoke("Get-QlikUser jdoe");
        Assert.Equal("CannotConvertArgumentNoMessage", malformed.FirstErrorId);
        Assert.Contains(@"DIRECTORY\userid", malformed.FirstError.Exception.Message);
    }

    [Fact]
    public void The_inactive_switch_filters_on_the_server()
    {
        var result = session.Invoke("Get-QlikUser -Inactive");

        Assert.All(result.Output, user => Assert.True(user.Get<bool>("Inactive")));
        Assert.Contains(site.Requests.Snapshot(), request => request.Path == "/qrs/user/full" && request.Filter == "inactive eq true");
    }
}
