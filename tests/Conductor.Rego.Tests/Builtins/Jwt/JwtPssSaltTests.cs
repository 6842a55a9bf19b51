using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Jwt;

/// <summary>PS256 tokens with salts of other lengths than the hash verify too, as Go's rsa.VerifyPSS accepts them.</summary>
public sealed class JwtPssSaltTests
{
    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>RSASSA-PSS signing (RFC 8017 9.1.1) with a chosen salt length, written out so the salt length is free.</summary>
    private static byte[] SignPss(RSA rsa, byte[] message, int saltLength)
    {
        var p = rsa.ExportParameters(true);
        var n = new BigInteger(p.Modulus, true, true);
        var d = new BigInteger(p.D, true, true);
        var emBits = (int)n.GetBitLength() - 1;
        var emLen = (emBits + 7) / 8;
        var mHash = SHA256.HashData(message);
        var salt = RandomNumberGenerator.GetBytes(saltLength);
        var h = SHA256.HashData([.. new byte[8], .. mHash, .. salt]);
        var db = new byte[emLen - 32 - 1];
        db[db.Length - saltLength - 1] = 0x01;
        salt.CopyTo(db, db.Length - saltLength);
        var mask = new List<byte>();
        for (uint c = 0; mask.Count < db.Length; c++) mask.AddRange(SHA256.HashData([.. h, (byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)c]));
        for (var i = 0; i < db.Length; i++) db[i] ^= mask[i];
        db[0] &= (byte)(0xff >> (8 * emLen - emBits));
        byte[] em = [.. db, .. h, 0xbc];
        var s = BigInteger.ModPow(new BigInteger(em, true, true), d, n).ToByteArray(true, true);
        var sig = new byte[p.Modulus!.Length];
        s.CopyTo(sig, sig.Length - s.Length);
        return sig;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(222)] // the maximum for a 2048-bit key and SHA-256
    public void Any_salt_length_verifies(int saltLength)
    {
        using var rsa = RSA.Create(2048);
        var input = B64(Encoding.UTF8.GetBytes("{\"alg\":\"PS256\"}")) + "." + B64(Encoding.UTF8.GetBytes("{\"a\":1}"));
        var sig = SignPss(rsa, Encoding.ASCII.GetBytes(input), saltLength);
        var key = S(rsa.ExportSubjectPublicKeyInfoPem());
        Assert.Equal(BooleanValue.True, Call("io.jwt.verify_ps256", S(input + "." + B64(sig)), key));
        sig[^5] ^= 1;
        Assert.Equal(BooleanValue.False, Call("io.jwt.verify_ps256", S(input + "." + B64(sig)), key));
    }
}
