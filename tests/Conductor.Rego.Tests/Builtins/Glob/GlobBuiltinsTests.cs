using static Conductor.Rego.Tests.Builtins.Strings.StringBuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Glob;

public class GlobBuiltinsTests
{
    private static bool Match(string pattern, string? delimitersJson, string value) =>
        Bool("glob.match", pattern, delimitersJson is null ? null : Json(delimitersJson), value);

    [Theory]
    [InlineData("*.github.com", "[\".\"]", "api.github.com", true)]
    [InlineData("*.github.com", "[\".\"]", "api.cdn.github.com", false)]
    [InlineData("*.github.com", "[]", "api.cdn.github.com", false)]
    [InlineData("*.github.com", null, "api.cdn.github.com", true)]
    [InlineData("*:github:com", "[\":\"]", "api:github:com", true)]
    [InlineData("api.**.com", "[\".\"]", "api.cdn.github.com", true)]
    [InlineData("a/**/c", "[]", "a/b/c", true)]
    [InlineData("?at", "[]", "cat", true)]
    [InlineData("?at", "[]", "at", false)]
    [InlineData("[!a-c]at", "[]", "bat", false)]
    [InlineData("[!a-c]at", "[]", "fat", true)]
    [InlineData("[a-z]", "[]", "m", true)]
    [InlineData("[a-z]", "[]", "M", false)]
    [InlineData("{cat,bat,[fr]at}", "[]", "cat", true)]
    [InlineData("{cat,bat,[fr]at}", "[]", "rat", true)]
    [InlineData("{cat,bat,[fr]at}", "[]", "mat", false)]
    [InlineData("{a,{b,c}}", "[]", "c", true)]
    [InlineData("\\*", "[]", "*", true)]
    [InlineData("\\*", "[]", "a", false)]
    [InlineData("[a\\-z]", "[]", "-", true)]
    [InlineData("[a\\-z]", "[]", "m", false)]
    [InlineData("[\\]]", "[]", "]", true)]
    [InlineData("", "[]", "", true)]
    [InlineData("a.b*", "[\".\"]", "a.bc", true)]
    [InlineData("a.b*", "[\".\"]", "a.bc.d", false)]
    [InlineData("[a-c]", "[]", "b", true)]
    [InlineData("[!a-c]", "[]", "b", false)]
    [InlineData("[ab-]", "[]", "-", true)]
    [InlineData("😀?", "[]", "😀😁", true)]
    public void Matches(string pattern, string? delimiters, string value, bool expected) => Assert.Equal(expected, Match(pattern, delimiters, value));

    [Theory]
    [InlineData("[abc", "syntax error in pattern: unexpected end of input")]
    [InlineData("[z-a]", "syntax error in pattern: hi character should be greater than lo character")]
    [InlineData("[a-z0-9]", "syntax error in pattern: expected close range character")]
    [InlineData("{a,b", "syntax error in pattern: unexpected end of input")]
    [InlineData("test\\", "syntax error in pattern: trailing backslash")]
    public void Syntax_errors(string pattern, string message) =>
        Assert.Equal(message, Error("glob.match", pattern, Json("[]"), "a").Message);

    [Fact]
    public void Delimiters_must_be_single_characters()
    {
        Assert.Equal("operand 2 must be array of strings but got array containing number", Error("glob.match", "*", Json("[1]"), "a").Message);
        Assert.Equal("operand 2 must be one of {array, null} but got string", Error("glob.match", "*", ".", "a").Message);
    }

    [Fact]
    public void Long_inputs_match_in_linear_time()
    {
        var value = string.Concat(Enumerable.Repeat("a", 20000)) + "b";
        Assert.False(Match("*a*a*a*a*a*a*a*a*a*a*c", null, value));
    }

    [Fact]
    public void Lone_surrogates_do_not_crash()
    {
        Assert.True(Match("a\ud800*", null, "a\ud800b"));
        Assert.False(Bool("regex.globs_match", "\ud800", "a"));
        Assert.True(Bool("regex.match", "^a.$", "a\ud800"));
    }

    [Fact]
    public void Quote_meta()
    {
        Assert.Equal("hello\\*world\\?\\[test\\]", Str("glob.quote_meta", "hello*world?[test]"));
        Assert.Equal("\\{a,b\\}\\\\", Str("glob.quote_meta", "{a,b}\\"));
        Assert.Equal("hello\nworld", Str("glob.quote_meta", "hello\nworld"));
        Assert.Equal("\\*.github.com", Str("glob.quote_meta", "*.github.com"));
    }
}
