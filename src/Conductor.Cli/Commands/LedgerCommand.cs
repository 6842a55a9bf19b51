using System.CommandLine;
using System.Text;
using System.Text.Json;
using Conductor.Ledger;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;
using Conductor.Ledger.Merkle;
using static Conductor.Cli.Commands.LedgerCliSupport;

namespace Conductor.Cli.Commands;

/// <summary>`conductor ledger ...`: append, read, prove, checkpoint and verify the provenance ledger.</summary>
internal static class LedgerCommand
{
    public static Command Build(CliConsole console)
    {
        var ledger = new Command("ledger", "The provenance ledger: an RFC 6962 Merkle log with signed checkpoints.");
        ledger.Subcommands.Add(Append(console));
        ledger.Subcommands.Add(Get(console));
        ledger.Subcommands.Add(CheckpointCommand(console));
        ledger.Subcommands.Add(ProveInclusion(console));
        ledger.Subcommands.Add(ProveConsistency(console));
        ledger.Subcommands.Add(Verify(console));
        ledger.Subcommands.Add(VerifyProof(console));
        return ledger;
    }

    private static Command Append(CliConsole console)
    {
        var cmd = new Command("append", "Append FILE (or standard input, '-') as one entry; prints {\"index\",\"leafHash\"} once it is committed.");
        var (data, store) = (DataOption(), StoreOption());
        AddStoreOptions(cmd, data, store);
        var type = new Option<string>("--type") { Description = "Entry type label (e.g. decision, evidence, download)", DefaultValueFactory = _ => "" };
        var lines = new Option<bool>("--lines") { Description = "Each line of the input is one entry; one JSON line is printed per committed entry" };
        var batch = new Option<int>("--batch") { Description = "With --lines: commit up to N lines per transaction (group commit)", DefaultValueFactory = _ => 1 };
        var files = new Argument<string[]>("FILE") { Description = "Files to append ('-' for standard input); several files are committed together", Arity = ArgumentArity.OneOrMore };
        cmd.Options.Add(type);
        cmd.Options.Add(lines);
        cmd.Options.Add(batch);
        cmd.Arguments.Add(files);
        cmd.SetAction(parse => Guard(() =>
        {
            var paths = parse.GetValue(files)!;
            var entryType = parse.GetValue(type)!;
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1) throw new CliUsageException("--batch must be at least 1");
            if (paths.Count(p => p == "-") > 1) throw new CliUsageException("standard input ('-') can be given only once");
            if (parse.GetValue(lines))
            {
                if (paths.Length != 1) throw new CliUsageException("--lines takes exactly one FILE or '-'");
                // Read the input before creating anything, so a missing file leaves no empty ledger behind.
                var reader = paths[0] == "-" ? console.In : new StreamReader(OpenInput(paths[0]), Encoding.UTF8);
                using var service = OpenLedger(parse, data, store, create: true);
                AppendLines(service, reader, entryType, batchSize, console);
                if (paths[0] != "-") reader.Dispose();
                return 0;
            }
            var contents = paths.Select(p => new NewEntry(ReadInput(p, console), entryType)).ToList();
            using var ledger = OpenLedger(parse, data, store, create: true);
            var results = contents.Count == 1 ? [ledger.Append(contents[0].Data, entryType)] : ledger.AppendBatch(contents);
            foreach (var r in results) console.Out.WriteLine(AppendJson(r));
            return 0;
        }));
        return cmd;
    }

    private static void AppendLines(LedgerService ledger, TextReader reader, string type, int batchSize, CliConsole console)
    {
        var pending = new List<NewEntry>(batchSize);
        void Flush()
        {
            if (pending.Count == 0) return;
            foreach (var r in ledger.AppendBatch(pending)) console.Out.WriteLine(AppendJson(r));
            console.Out.Flush();
            pending.Clear();
        }
        while (reader.ReadLine() is { } line)
        {
            pending.Add(new NewEntry(Encoding.UTF8.GetBytes(line), type));
            // Commit when the batch is full, or when no more input is waiting (never hold an entry back for long).
            if (pending.Count >= batchSize || reader.Peek() < 0) Flush();
        }
        Flush();
    }

    private static Command Get(CliConsole console)
    {
        var cmd = new Command("get", "Print entry N as JSON (data in base64), or write its bytes with --out.");
        var (data, store) = (DataOption(), StoreOption());
        AddStoreOptions(cmd, data, store);
        var index = new Argument<long>("N") { Description = "Entry index (0-based)" };
        var output = new Option<string?>("--out") { Description = "Write the entry's bytes to this file" };
        cmd.Arguments.Add(index);
        cmd.Options.Add(output);
        cmd.SetAction(parse => Guard(() =>
        {
            using var ledger = OpenLedger(parse, data, store, create: false);
            var entry = ledger.GetEntry(parse.GetValue(index));
            if (parse.GetValue(output) is { } path) File.WriteAllBytes(path, entry.Data);
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["index"] = entry.Index,
                ["type"] = entry.Type,
                ["leafHash"] = Hex(entry.LeafHash),
                ["length"] = entry.Data.Length,
                ["data"] = Convert.ToBase64String(entry.Data),
            }));
            return 0;
        }));
        return cmd;
    }

    private static Command CheckpointCommand(CliConsole console)
    {
        var cmd = new Command("checkpoint", "Sign a checkpoint (C2SP signed note) for the current tree size, store it and print it.");
        var (data, store) = (DataOption(), StoreOption());
        AddStoreOptions(cmd, data, store);
        var key = new Option<string>("--key") { Description = "Private key PEM (must not be readable by others)", Required = true };
        var name = new Option<string?>("--name") { Description = "Key name on the signature line (default: the ledger's origin)" };
        var output = new Option<string?>("--out") { Description = "Also write the checkpoint to this file" };
        cmd.Options.Add(key);
        cmd.Options.Add(name);
        cmd.Options.Add(output);
        cmd.SetAction(parse => Guard(() =>
        {
            using var signingKey = KeyFiles.ReadSigningKey(parse.GetValue(key)!);
            using var ledger = OpenLedger(parse, data, store, create: false);
            var note = ledger.Checkpoint(new NoteSigner(parse.GetValue(name) ?? ledger.Origin, signingKey));
            if (parse.GetValue(output) is { } path) File.WriteAllText(path, note);
            console.Out.Write(note);
            return 0;
        }));
        return cmd;
    }

    private static Command ProveInclusion(CliConsole console)
    {
        var cmd = new Command("prove-inclusion", "Print the inclusion proof of entry N in the tree of size S (default: current size).");
        var (data, store) = (DataOption(), StoreOption());
        AddStoreOptions(cmd, data, store);
        var index = new Argument<long>("N") { Description = "Entry index (0-based)" };
        var size = new Option<long?>("--size") { Description = "Tree size (default: current size)" };
        cmd.Arguments.Add(index);
        cmd.Options.Add(size);
        cmd.SetAction(parse => Guard(() =>
        {
            using var ledger = OpenLedger(parse, data, store, create: false);
            console.Out.WriteLine(ProofJson.Write(ledger.ProveInclusion(parse.GetValue(index), parse.GetValue(size))));
            return 0;
        }));
        return cmd;
    }

    private static Command ProveConsistency(CliConsole console)
    {
        var cmd = new Command("prove-consistency", "Print the consistency proof from tree size M to tree size N.");
        var (data, store) = (DataOption(), StoreOption());
        AddStoreOptions(cmd, data, store);
        var m = new Argument<long>("M") { Description = "Older tree size (≥ 1)" };
        var n = new Argument<long>("N") { Description = "Newer tree size" };
        cmd.Arguments.Add(m);
        cmd.Arguments.Add(n);
        cmd.SetAction(parse => Guard(() =>
        {
            using var ledger = OpenLedger(parse, data, store, create: false);
            console.Out.WriteLine(ProofJson.Write(ledger.ProveConsistency(parse.GetValue(m), parse.GetValue(n))));
            return 0;
        }));
        return cmd;
    }

    private static Command Verify(CliConsole console)
    {
        var cmd = new Command("verify", "Recompute every leaf and node of the store and check the latest checkpoint; exits 1 naming the first bad entry.");
        var (data, store) = (DataOption(), StoreOption());
        AddStoreOptions(cmd, data, store);
        var key = new Option<string?>("--key") { Description = "Public key PEM: also check the latest checkpoint's signature" };
        var name = new Option<string?>("--key-name") { Description = "Key name of the checkpoint signer (default: the ledger's origin)" };
        cmd.Options.Add(key);
        cmd.Options.Add(name);
        cmd.SetAction(parse => Guard(() =>
        {
            using var ledger = OpenLedger(parse, data, store, create: false);
            List<NoteVerifier>? verifiers = parse.GetValue(key) is { } keyPath
                ? [new NoteVerifier(parse.GetValue(name) ?? ledger.Origin, KeyFiles.ReadVerificationKey(keyPath))]
                : null;
            var result = ledger.Verify(verifiers);
            if (result.Problem is { } p)
            {
                var where = p.EntryIndex is { } i ? $"entry {i}" : "checkpoint";
                throw new CliFailureException($"{p.Code}: ledger verification failed at {where}: {p.Message}");
            }
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["verified"] = true,
                ["size"] = result.TreeSize,
                ["rootHash"] = Hex(result.RootHash),
                ["checkpointSize"] = result.CheckpointSize,
                ["checkpointSignatureChecked"] = result.CheckpointSignatureChecked,
            }));
            return 0;
        }));
        return cmd;
    }

    private static Command VerifyProof(CliConsole console)
    {
        var cmd = new Command("verify-proof", "Verify a proof offline against a signed checkpoint and a public key; no store is read.");
        var checkpointFile = new Option<string>("--checkpoint") { Description = "Signed checkpoint file", Required = true };
        var key = new Option<string>("--key") { Description = "Public key PEM of the checkpoint signer", Required = true };
        var name = new Option<string?>("--key-name") { Description = "Key name of the signer (default: the checkpoint's origin)" };
        var oldCheckpoint = new Option<string?>("--old-checkpoint") { Description = "For a consistency proof: the signed checkpoint of the older size" };
        var entry = new Option<string?>("--entry") { Description = "For an inclusion proof: the entry's bytes, hashed here instead of trusting the proof's leafHash" };
        var proofFile = new Argument<string>("PROOF.json") { Description = "Proof printed by prove-inclusion or prove-consistency" };
        cmd.Options.Add(checkpointFile);
        cmd.Options.Add(key);
        cmd.Options.Add(name);
        cmd.Options.Add(oldCheckpoint);
        cmd.Options.Add(entry);
        cmd.Arguments.Add(proofFile);
        cmd.SetAction(parse => Guard(() =>
        {
            var publicKey = KeyFiles.ReadVerificationKey(parse.GetValue(key)!);
            var checkpoint = OpenCheckpoint(parse.GetValue(checkpointFile)!, publicKey, parse.GetValue(name));
            var proofPath = parse.GetValue(proofFile)!;
            var proof = ProofJson.Read(ReadTextFile(proofPath, "proof"), proofPath);
            var size = (ulong)checkpoint.Size;
            var result = new Dictionary<string, object> { ["verified"] = true, ["origin"] = checkpoint.Origin };
            if (proof.IsInclusion)
            {
                if (proof.SizeOrSize2 != size)
                    throw Mismatch($"proof is for tree size {proof.SizeOrSize2} but the checkpoint is for size {size}");
                if (proof.RootHash is { } r && !r.AsSpan().SequenceEqual(checkpoint.RootHash))
                    throw Mismatch("proof's rootHash differs from the checkpoint's root hash");
                byte[] leaf;
                if (parse.GetValue(entry) is { } entryPath)
                {
                    leaf = MerkleHash.Leaf(ReadFile(entryPath, "entry"));
                    if (proof.LeafHash is { } claimed && !claimed.AsSpan().SequenceEqual(leaf))
                        throw new LedgerException(LedgerErrorCodes.ProofInvalid, $"{entryPath}: entry's leaf hash {Hex(leaf)} differs from the proof's leafHash {Hex(claimed)}");
                }
                else
                {
                    leaf = proof.LeafHash ?? throw new LedgerException(LedgerErrorCodes.InputMalformed, $"{proofPath}: no \"leafHash\" and no --entry given");
                }
                MerkleVerifier.VerifyInclusion(proof.IndexOrSize1, size, leaf, proof.Hashes, checkpoint.RootHash);
                result["kind"] = "inclusion";
                result["index"] = proof.IndexOrSize1;
                result["size"] = size;
                result["leafHash"] = Hex(leaf);
            }
            else
            {
                if (parse.GetValue(entry) is not null) throw new CliUsageException("--entry applies to inclusion proofs only");
                if (proof.SizeOrSize2 != size)
                    throw Mismatch($"proof is for tree size {proof.SizeOrSize2} but the checkpoint is for size {size}");
                if (proof.RootHash is { } r && !r.AsSpan().SequenceEqual(checkpoint.RootHash))
                    throw Mismatch("proof's rootHash differs from the checkpoint's root hash");
                byte[] root1;
                if (parse.GetValue(oldCheckpoint) is { } oldPath)
                {
                    var old = OpenCheckpoint(oldPath, publicKey, parse.GetValue(name));
                    if ((ulong)old.Size != proof.IndexOrSize1) throw Mismatch($"proof starts at size {proof.IndexOrSize1} but the old checkpoint is for size {old.Size}");
                    if (old.Origin != checkpoint.Origin) throw Mismatch($"old checkpoint is for origin '{old.Origin}', not '{checkpoint.Origin}'");
                    root1 = old.RootHash;
                }
                else
                {
                    root1 = proof.RootHash1 ?? throw new LedgerException(LedgerErrorCodes.InputMalformed, $"{proofPath}: no \"rootHash1\" and no --old-checkpoint given");
                }
                MerkleVerifier.VerifyConsistency(proof.IndexOrSize1, size, proof.Hashes, root1, checkpoint.RootHash);
                result["kind"] = "consistency";
                result["size1"] = proof.IndexOrSize1;
                result["size2"] = size;
                result["rootHash1"] = Hex(root1);
            }
            result["rootHash"] = Hex(checkpoint.RootHash);
            console.Out.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }));
        return cmd;
    }

    private static Checkpoint OpenCheckpoint(string path, VerificationKey key, string? keyName)
    {
        var text = ReadTextFile(path, "checkpoint");
        try
        {
            var note = SignedNote.Parse(text);
            var origin = note.Text[..note.Text.IndexOf('\n')];
            return Checkpoint.ParseText(NoteVerifier.Open(note, [new NoteVerifier(keyName ?? origin, key)]));
        }
        catch (LedgerException e)
        {
            throw new LedgerException(e.Code, $"{path}: {e.Message}", e);
        }
    }

    private static FileStream OpenInput(string path)
    {
        if (!File.Exists(path)) throw new LedgerException(LedgerErrorCodes.InputMalformed, $"{path}: input file not found");
        return File.OpenRead(path);
    }

    private static LedgerException Mismatch(string message) => new(LedgerErrorCodes.CheckpointMismatch, message);

    private static string AppendJson(AppendResult r) => $"{{\"index\":{r.Index},\"leafHash\":\"{Hex(r.LeafHash)}\"}}";
}
