namespace Conductor.Cli.Tests;

/// <summary>Values print as `opa eval` prints them (Go's encoding/json rules).</summary>
public sealed class EvalOutputFormatTests
{
    [Fact]
    public void SetsAreSortedArraysAndNonStringKeysTheirJsonText()
    {
        var run = CliRun.Of("eval", "-f", "raw", "{[\"a\", \"b\"]: 1, 2: {3, 1}, \"z\": set()}");
        Assert.Equal("{\"2\":[1,3],\"[\\\"a\\\",\\\"b\\\"]\":1,\"z\":[]}\n", run.Out);
    }

    [Fact]
    public void StringsEscapeHtmlCharactersAsGoDoesButRawPrintsThemAsTheyAre()
    {
        var json = CliRun.Of("eval", "-f", "pretty", "[\"<a&b>\", \"tab\\there\"]");
        Assert.Equal("[\n  \"\\u003ca\\u0026b\\u003e\",\n  \"tab\\there\"\n]\n", json.Out);
        var raw = CliRun.Of("eval", "-f", "raw", "\"<a&b>\"");
        Assert.Equal("<a&b>\n", raw.Out);
    }

    [Fact]
    public void SeveralExpressionsAndEmptyContainers()
    {
        var run = CliRun.Of("eval", "x := []; y := {}");
        Assert.Equal(
            "{\n" +
            "  \"result\": [\n" +
            "    {\n" +
            "      \"expressions\": [\n" +
            "        {\n" +
            "          \"value\": true,\n" +
            "          \"text\": \"x := []\",\n" +
            "          \"location\": {\n" +
            "            \"row\": 1,\n" +
            "            \"col\": 1\n" +
            "          }\n" +
            "        },\n" +
            "        {\n" +
            "          \"value\": true,\n" +
            "          \"text\": \"y := {}\",\n" +
            "          \"location\": {\n" +
            "            \"row\": 1,\n" +
            "            \"col\": 10\n" +
            "          }\n" +
            "        }\n" +
            "      ],\n" +
            "      \"bindings\": {\n" +
            "        \"x\": [],\n" +
            "        \"y\": {}\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n", run.Out);
    }
}
