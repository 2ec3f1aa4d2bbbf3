using System.Text.RegularExpressions;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Architecture;

/// <summary>
/// The engine words what it reports in one internal messages class per layer (ARCHITECTURE.md): an exception or
/// warning worded where it is raised, or a second messages class in a layer, fails here.
/// </summary>
public sealed class EngineMessagesTests
{
    /// <summary>Files that hold wording: the messages classes, and the playbook's rule warning.</summary>
    private static readonly Regex WordingFile = new(@"(Messages|RuleWarnings)\.cs$");

    /// <summary>A text written in place: an exception whose message, or a warning whose text, starts with a string literal.</summary>
    private static readonly Regex TextInPlace = new(@"new\s+\w*Exception\s*\(\s*""|\.Warning\s*\(\s*""");

    [Fact]
    public void Engine_exceptions_and_warnings_are_worded_in_the_messages_classes()
    {
        var files = LayeringTests.SourceFiles("QlikLicense.Engine").Where(file => !WordingFile.IsMatch(file)).ToList();

        var violations = files.SelectMany(file => TextsInPlace(File.ReadAllText(file)).Select(line => $"{Path.GetRelativePath(RepositoryFolder.Root, file)}:{line}")).ToList();

        Assert.True(violations.Count == 0, "Worded in place: " + string.Join(", ", violations));
    }

    [Fact]
    public void The_check_sees_a_text_written_in_place()
    {
        const string code = "class A {\n // throw new ArgumentException(\"in a comment\");\n void B() {\n" +
                            " throw new ArgumentException(Messages.X, nameof(y));\n" +
                            " throw new QrsException($\"{path} failed\");\n" +
                            " host.Warning(\"The site \" + site);\n" +
                            " host.Warning(Messages.Y); var s = \"new Exception(\\\"quoted\\\")\";\n } }";

        Assert.Equal(new[] { 5, 6 }, TextsInPlace(code));
    }

    [Fact]
    public void Each_layer_has_one_internal_messages_class_in_its_own_namespace()
    {
        var messages = typeof(ISite).Assembly.GetTypes()
            .Where(type => !type.IsNested && type.Name.EndsWith("Messages", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(messages);
        foreach (var type in messages)
        {
            Assert.True(type.IsAbstract && type.IsSealed && !type.IsPublic, $"{type.FullName} is not an internal static class.");
            Assert.Contains(type.Namespace, LayeringTests.Layers);
        }
        var shared = messages.GroupBy(type => type.Namespace).Where(layer => layer.Count() > 1).Select(layer => string.Join(", ", layer.Select(type => type.Name)));
        Assert.Empty(shared);
    }

    /// <summary>The line numbers (from 1) of the texts written in place, comments and the insides of strings left out.</summary>
    private static List<int> TextsInPlace(string code)
    {
        // Comments are dropped and each string left as an empty literal (text inside one cannot match); line breaks are kept.
        var bare = LayeringTests.CommentsAndStrings.Replace(code, match =>
        {
            var lineBreaks = new string('\n', match.Value.Count(character => character == '\n'));
            if (match.Value.StartsWith('/')) return lineBreaks;
            return match.Value.StartsWith('\'') ? match.Value : "\"\"" + lineBreaks;
        });
        return TextInPlace.Matches(bare)
            .Select(match => bare.Take(match.Index).Count(character => character == '\n') + 1)
            .ToList();
    }
}
