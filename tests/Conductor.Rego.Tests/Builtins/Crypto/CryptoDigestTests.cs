using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Crypto;

public sealed class CryptoDigestTests
{
    [Theory]
    [InlineData("crypto.md5", "hello", "5d41402abc4b2a76b9719d911017c592")]
    [InlineData("crypto.sha1", "hello", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")]
    [InlineData("crypto.sha256", "hello", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("crypto.md5", "", "d41d8cd98f00b204e9800998ecf8427e")]
    public void Digests_are_lowercase_hex(string name, string input, string expected) =>
        Assert.Equal(S(expected), Call(name, S(input)));

    [Theory]
    // RFC 2104 / RFC 2202 / RFC 4231, test case 2 (key "Jefe").
    [InlineData("crypto.hmac.md5", "750c783e6ab0b503eaa86e310a5db738")]
    [InlineData("crypto.hmac.sha1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")]
    [InlineData("crypto.hmac.sha256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("crypto.hmac.sha512", "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")]
    public void Hmacs_match_rfc_vectors(string name, string expected) =>
        Assert.Equal(S(expected), Call(name, S("what do ya want for nothing?"), S("Jefe")));

    [Fact]
    public void Hmac_equal_compares_strings()
    {
        Assert.Equal(BooleanValue.True, Call("crypto.hmac.equal", S("abc"), S("abc")));
        Assert.Equal(BooleanValue.False, Call("crypto.hmac.equal", S("abc"), S("abd")));
        Assert.Equal(BooleanValue.False, Call("crypto.hmac.equal", S("abc"), S("abcd")));
        Assert.Equal("operand 2 must be string but got number", Error("crypto.hmac.equal", S("a"), NumberValue.Of(1)).Message);
        Assert.Equal("operand 1 must be string but got null", Error("crypto.sha256", NullValue.Instance).Message);
    }
}
