using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Strings.StringBuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Strings;

/// <summary>Random (seeded) patterns and formats: a builtin either answers or raises a BuiltinException, never anything else.</summary>
public class RandomInputRobustnessTests
{
    private static string RandomText(Random r, string alphabet, int maxLength)
    {
        var n = r.Next(maxLength + 1);
        var chars = new char[n];
        for (var i = 0; i < n; i++) chars[i] = alphabet[r.Next(alphabet.Length)];
        return new string(chars);
    }

    private static void AnswersOrBuiltinError(string name, params object?[] args)
    {
        try
        {
            Invoke(name, args);
        }
        catch (BuiltinException)
        {
            // Invalid input is reported as a builtin error: expected.
        }
    }

    [Fact]
    public void Regex_builtins()
    {
        var r = new Random(1234);
        const string alphabet = "ab.*+?()[]{}|^$\\-,:0123456789PpdswzQExiU<>=!&\u00e9\ud83d\ude00";
        for (var k = 0; k < 300; k++)
        {
            var pattern = RandomText(r, alphabet, 12);
            var value = RandomText(r, "ab01.-\u00e9\ud83d\ude00\n", 16);
            AnswersOrBuiltinError("regex.match", pattern, value);
            AnswersOrBuiltinError("regex.find_all_string_submatch_n", pattern, value, -1);
            AnswersOrBuiltinError("regex.replace", value, pattern, "<$1${x}$$>");
            AnswersOrBuiltinError("regex.split", pattern, value);
            AnswersOrBuiltinError("regex.globs_match", pattern, RandomText(r, alphabet, 8));
            AnswersOrBuiltinError("regex.template_match", pattern, value, "{", "}");
        }
    }

    [Fact]
    public void Glob_match()
    {
        var r = new Random(99);
        const string alphabet = "ab.*?[]{}!-,\\\u00e9\ud83d\ude00";
        for (var k = 0; k < 500; k++)
        {
            var pattern = RandomText(r, alphabet, 12);
            var value = RandomText(r, "ab.-\u00e9", 10);
            AnswersOrBuiltinError("glob.match", pattern, Json("[\".\"]"), value);
            AnswersOrBuiltinError("glob.match", pattern, null, value);
        }
    }

    [Fact]
    public void Sprintf_and_templates()
    {
        var r = new Random(7);
        var args = Json("[1, -2.5, \"s\", [1, {\"a\": null}], 123456789012345678901234567890, true]");
        for (var k = 0; k < 500; k++)
        {
            AnswersOrBuiltinError("sprintf", RandomText(r, "%%-+# 0123456789.*[]vdsfeEgGxXobqtTcUn ", 14), args);
            AnswersOrBuiltinError("strings.render_template", RandomText(r, "{}.$a ifrangeendelse()|:=\"", 20),
                Json("{\"a\": [1, 2], \"b\": {\"c\": \"d\"}}"));
        }
    }

    [Fact]
    public void Units_and_semver()
    {
        var r = new Random(5);
        for (var k = 0; k < 500; k++)
        {
            var s = RandomText(r, "0123456789.eE+-kKmMgGiIbB\" ", 10);
            AnswersOrBuiltinError("units.parse", s);
            AnswersOrBuiltinError("units.parse_bytes", s);
            AnswersOrBuiltinError("semver.compare", RandomText(r, "0123.-+av", 10), "1.0.0");
            AnswersOrBuiltinError("uuid.parse", RandomText(r, "0123456789abcdef-{}", 36));
        }
    }
}
