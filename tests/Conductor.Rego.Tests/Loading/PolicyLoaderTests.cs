using Conductor.Rego.Loading;
using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Loading;

public sealed class PolicyLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "conductor-loader-" + Guid.NewGuid().ToString("N"));

    public PolicyLoaderTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content)
    {
        var full = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    [Fact]
    public void DataFilesGoUnderTheirDirectoryPathRelativeToTheGivenRoot()
    {
        Write("data.json", "{\"top\": 1}");
        Write("a/b/data.json", "{\"x\": 1}");
        Write("a/b/more.yaml", "y: [1, 2]\n");
        Write("a/c/data.yml", "z: true\n");
        Write("a/README.md", "ignored inside directories");
        var loaded = PolicyLoader.Load([_root]);
        Assert.Equal("{\"a\":{\"b\":{\"x\":1,\"y\":[1,2]},\"c\":{\"z\":true}},\"top\":1}", loaded.Data.ToJson());
        Assert.Empty(loaded.Modules);
    }

    [Fact]
    public void AFileGivenDirectlyIsMergedAtTheRoot()
    {
        var file = Write("deep/inside/data.json", "{\"k\": \"v\"}");
        Assert.Equal("{\"k\":\"v\"}", PolicyLoader.Load([file]).Data.ToJson());
    }

    [Fact]
    public void APrefixPutsContentUnderThatPath()
    {
        var file = Write("x.json", "{\"k\": 1}");
        Assert.Equal("{\"p\":{\"q\":{\"k\":1}}}", PolicyLoader.Load(["p.q:" + file]).Data.ToJson());
    }

    [Fact]
    public void APrefixWithOneLetterIsNotADriveLetter()
    {
        var file = Write("y.json", "{\"k\": 1}");
        Assert.Equal("{\"q\":{\"k\":1}}", PolicyLoader.Load(["q:" + file]).Data.ToJson());
    }

    [Fact]
    public void ObjectsFromSeveralFilesMergeRecursively()
    {
        var one = Write("one.json", "{\"a\": {\"b\": 1}}");
        var two = Write("two.yaml", "a:\n  c: 2\n");
        Assert.Equal("{\"a\":{\"b\":1,\"c\":2}}", PolicyLoader.Load([one, two]).Data.ToJson());
    }

    [Fact]
    public void ConflictingValuesAreAnErrorNamingTheFile()
    {
        var one = Write("one.json", "{\"a\": {\"b\": 1}}");
        var two = Write("two.json", "{\"a\": {\"b\": 1}}");
        var e = Assert.Throws<RegoException>(() => PolicyLoader.Load([one, two]));
        var error = Assert.Single(e.Errors);
        Assert.Equal(RegoErrorCodes.InvalidInput, error.Code);
        Assert.Equal($"{two}: merge error: its content under data conflicts with data loaded before it", error.Message);
        Assert.Equal(new SourceLocation(two, 1, 1), error.Location);
    }

    [Fact]
    public void ARootDataFileMustHoldAnObject()
    {
        var file = Write("list.json", "[1, 2]");
        var e = Assert.Throws<RegoException>(() => PolicyLoader.Load([file]));
        Assert.Contains("bad document type", e.Errors[0].Message);
    }

    [Fact]
    public void ANonObjectBelowTheRootIsFine()
    {
        Write("d/list.json", "[1, 2]");
        Assert.Equal("{\"d\":[1,2]}", PolicyLoader.Load([_root]).Data.ToJson());
    }

    [Fact]
    public void RegoFilesAreParsedWithTheirPathAsFileName()
    {
        var file = Write("p/policy.rego", "package p\n\nallow if input.ok\n");
        var loaded = PolicyLoader.Load([_root]);
        var module = Assert.Single(loaded.Modules);
        Assert.Equal(file, module.File);
    }

    [Fact]
    public void V0ModulesNeedV0ParseOptions()
    {
        Write("v0.rego", "package p\n\nallow { input.ok }\n");
        Assert.Throws<RegoException>(() => PolicyLoader.Load([_root]));
        var loaded = PolicyLoader.Load([_root], new PolicyLoadOptions { ParseOptions = RegoParseOptions.Default with { Version = RegoVersion.V0 } });
        Assert.Single(loaded.Modules);
    }

    [Fact]
    public void EveryErrorIsReportedWithItsFile()
    {
        var badJson = Write("a/bad.json", "{\"a\": }");
        var badRego = Write("b/bad.rego", "package\n");
        var missing = Path.Combine(_root, "missing.json");
        var e = Assert.Throws<RegoException>(() => PolicyLoader.Load([_root, missing]));
        Assert.Contains(e.Errors, x => x.Location?.File == badJson && x.Code == RegoErrorCodes.InvalidInput);
        Assert.Contains(e.Errors, x => x.Location?.File == badRego && x.Code == RegoErrorCodes.ParseError);
        Assert.Contains(e.Errors, x => x.Message == $"{missing}: no such file or directory");
    }

    [Fact]
    public void AFileWithAnotherExtensionGivenDirectlyIsTriedAsEachType()
    {
        var file = Write("data.txt", "k: v\n");
        Assert.Equal("{\"k\":\"v\"}", PolicyLoader.Load([file]).Data.ToJson());
    }
}
