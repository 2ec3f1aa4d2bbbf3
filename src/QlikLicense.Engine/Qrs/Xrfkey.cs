using System.Security.Cryptography;

namespace QlikLicense.Qrs
{
    /// <summary>Cross-site request forgery keys: 16 characters of [0-9a-zA-Z] from a cryptographic source.</summary>
    public static class Xrfkey
    {
        private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        public const int Length = 16;

        public static string New()
        {
            var chars = new char[Length];
            var buffer = new byte[1];
            using (var random = RandomNumberGenerator.Create())
            {
                for (var i = 0; i < Length;)
                {
                    random.GetBytes(buffer);
                    // Rejection sampling keeps every character equally likely (248 = 4 * 62).
                    if (buffer[0] >= 248) continue;
                    chars[i++] = Alphabet[buffer[0] % Alphabet.Length];
                }
            }
            return new string(chars);
        }
    }
}
