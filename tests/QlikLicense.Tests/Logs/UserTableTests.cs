using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>Users are found by the pair of string instances the scan hands out, and are still matched by their text.</summary>
    public class UserTableTests
    {
        [Fact]
        public void Users_are_matched_by_text_whatever_the_instances_and_the_case_in_first_seen_order()
        {
            var table = new UserTable<List<string>>();
            var created = 0;
            List<string> Create(string directory, string userId)
            {
                created++;
                return new List<string> { directory + "\\" + userId };
            }

            var jdoe = table.GetOrAdd("CORP", "jdoe", Create);
            var asmith = table.GetOrAdd(new string("CORP".ToCharArray()), "asmith", Create);
            // Other instances, other case: the same user, found by text, then by these instances too.
            var otherInstances = new string("corp".ToCharArray());
            var otherUser = new string("JDOE".ToCharArray());
            Assert.Same(jdoe, table.GetOrAdd(otherInstances, otherUser, Create));
            Assert.Same(jdoe, table.GetOrAdd(otherInstances, otherUser, Create));
            // Matched as "directory\user" text, as the key was built before.
            var split = table.GetOrAdd("A\\B", "C", Create);
            Assert.Same(split, table.GetOrAdd("A", "B\\C", Create));

            Assert.Equal(3, created);
            Assert.Equal(new[] { jdoe, asmith, split }, table.Values);
            Assert.Equal("CORP\\jdoe", Assert.Single(jdoe));
        }
    }
}
