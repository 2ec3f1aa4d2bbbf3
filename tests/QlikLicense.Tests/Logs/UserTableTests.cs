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

        [Fact]
        public void Two_users_of_one_directory_instance_whose_user_id_instances_share_a_hash_code_are_two_users()
        {
            // Instances are found by their hash code first; of two whose codes are equal, each is still its own user.
            var seen = new Dictionary<int, string>();
            string first = null, second = null;
            for (var index = 0; second == null && index < 10_000_000; index++)
            {
                var userId = "user" + index;
                var code = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(userId);
                if (seen.TryGetValue(code, out var earlier)) (first, second) = (earlier, userId);
                else seen.Add(code, userId);
            }
            Assert.NotNull(second);
            var table = new UserTable<string>();

            var one = table.GetOrAdd("CORP", first, (directory, userId) => userId);
            var other = table.GetOrAdd("CORP", second, (directory, userId) => userId);

            Assert.Equal(first, one);
            Assert.Equal(second, other);
            Assert.Equal(new[] { first, second }, table.Values);
        }
    }
}
