using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>The QRS paths of each access type and the paths derived from an entity's path.</summary>
public sealed class QrsPathsTests
{
    [Theory]
    [InlineData(LicenseAccessType.Professional, "qrs/license/professionalaccesstype", "qrs/license/professionalaccessgroup", "License.ProfessionalAccessGroup_")]
    [InlineData(LicenseAccessType.Analyzer, "qrs/license/analyzeraccesstype", "qrs/license/analyzeraccessgroup", "License.AnalyzerAccessGroup_")]
    [InlineData(LicenseAccessType.UserAccess, "qrs/license/useraccesstype", "qrs/license/useraccessgroup", "License.UserAccessGroup_")]
    public void Each_allocated_access_type_has_its_allocations_access_groups_and_rule_prefix(LicenseAccessType type, string allocations, string accessGroups, string rulePrefix)
    {
        Assert.Equal(allocations, QrsPaths.Allocations(type));
        Assert.Equal(accessGroups, QrsPaths.AccessGroups(type));
        Assert.Equal(rulePrefix, QrsPaths.RuleResourcePrefix(type));
    }

    [Fact]
    public void Access_types_without_allocations_have_no_such_paths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QrsPaths.Allocations(LicenseAccessType.LoginAccess));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrsPaths.AccessGroups(LicenseAccessType.AnalyzerCapacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrsPaths.RuleResourcePrefix(LicenseAccessType.LoginAccess));
    }

    [Fact]
    public void An_entity_path_gives_its_full_list_its_count_and_one_entity()
    {
        var id = Guid.Parse("6b2e0f4c-1c7a-4c2b-9d1e-3f0a5b6c7d8e");

        Assert.Equal("qrs/user/full", QrsPaths.Full(QrsPaths.User));
        Assert.Equal("qrs/user/count", QrsPaths.Count(QrsPaths.User));
        Assert.Equal("qrs/user/6b2e0f4c-1c7a-4c2b-9d1e-3f0a5b6c7d8e", QrsPaths.Entity(QrsPaths.User, id));
    }
}
