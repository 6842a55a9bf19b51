using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Graph;

/// <summary>walk (a relation over every [path, value] of a document), graph.reachable and graph.reachable_paths.</summary>
public sealed class GraphBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register(new BuiltinDefinition("walk",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.AnyArray, RegoType.Any), RegoType.Any), (BuiltinRelation)Walk));
        var graph = RegoType.ObjectOf(RegoType.Any, CoreTypes.ArrayOrSet);
        registry.Register("graph.reachable", BuiltinSignature.Of(RegoType.AnySet, graph, CoreTypes.ArrayOrSet), Reachable);
        registry.Register("graph.reachable_paths", BuiltinSignature.Of(RegoType.SetOf(RegoType.AnyArray), graph, CoreTypes.ArrayOrSet), ReachablePaths);
    }

    /// <summary>
    /// Every node of the document in pre-order: the root with path [], then each child in order (array
    /// indexes, object keys in sorted order, set members in sorted order, where the path step is the member).
    /// An explicit stack keeps deep documents from overflowing the call stack.
    /// </summary>
    public static IEnumerable<Value> Walk(BuiltinContext context, Value[] args)
    {
        var stack = new Stack<(Value[] Path, Value Node)>();
        stack.Push(([], args[0]));
        var visited = 0;
        while (stack.Count > 0)
        {
            if ((++visited & 0xFFF) == 0) context.Cancellation.ThrowIfCancellationRequested();
            var (path, node) = stack.Pop();
            yield return new ArrayValue([new ArrayValue(path), node]);
            switch (node)
            {
                case ArrayValue a:
                    for (var i = a.Count - 1; i >= 0; i--) stack.Push((Append(path, NumberValue.Of(i)), a[i]));
                    break;
                case ObjectValue o:
                    for (var i = o.Count - 1; i >= 0; i--) stack.Push((Append(path, o.KeyAt(i)), o.ValueAt(i)));
                    break;
                case SetValue s:
                    var members = s.Sorted;
                    for (var i = members.Length - 1; i >= 0; i--) stack.Push((Append(path, members[i]), members[i]));
                    break;
            }
        }
    }

    private static Value[] Append(Value[] path, Value step)
    {
        var next = new Value[path.Length + 1];
        path.CopyTo(next, 0);
        next[^1] = step;
        return next;
    }

    private static ReadOnlySpan<Value> Initial(ReadOnlySpan<Value> args) =>
        args[1] is ArrayValue or SetValue
            ? CoreOperands.ItemsOf(args[1])
            : throw BuiltinException.OperandType(2, "{array, set}", args[1]);

    /// <summary>The nodes reachable from the initial ones (an initial node that is not in the graph is not reached).</summary>
    private static Value? Reachable(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var graph = BuiltinArgs.Object(args, 0);
        var queue = new Queue<Value>(Initial(args).ToArray());
        var reached = new HashSet<Value>();
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (reached.Contains(node)) continue;
            var edges = graph.Get(node);
            if (edges is null) continue;
            foreach (var neighbor in CoreOperands.ItemsOf(edges))
            {
                if (!reached.Contains(neighbor)) queue.Enqueue(neighbor);
            }
            reached.Add(node);
        }
        return reached.Count == 0 ? SetValue.Empty : new SetValue(reached);
    }

    /// <summary>
    /// Paths from each initial node, depth first, as OPA builds them: a path ends at a node without edges,
    /// at an edge back to a node already on the path (a cycle), or before a node missing from the graph.
    /// Only the path's own nodes count as visited, so a node reached along two routes ends both of them.
    /// </summary>
    private static Value? ReachablePaths(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var graph = BuiltinArgs.Object(args, 0);
        var initial = Initial(args);
        var result = new HashSet<Value>();
        foreach (var node in initial)
        {
            var edges = graph.Get(node);
            if (edges is null) continue;
            var neighbors = CoreOperands.ItemsOf(edges);
            if (neighbors.Length == 0)
            {
                result.Add(new ArrayValue([node]));
                continue;
            }
            foreach (var neighbor in neighbors) BuildPaths(context, graph, neighbor, node, result);
        }
        return result.Count == 0 ? SetValue.Empty : new SetValue(result);
    }

    /// <summary>A path shared by its extensions, so a long search does not copy its prefix at every step.</summary>
    private sealed class PathNode(Value step, PathNode? parent)
    {
        public int Length { get; } = (parent?.Length ?? 0) + 1;

        public ArrayValue ToArray()
        {
            var items = new Value[Length];
            for (var (n, i) = (this, Length - 1); n is not null; n = n.Parent, i--) items[i] = n.Step;
            return new ArrayValue(items);
        }

        public Value Step { get; } = step;

        public PathNode? Parent { get; } = parent;
    }

    private sealed class Frame(Value root, PathNode path, Value[] neighbors)
    {
        public Value Root { get; } = root;
        public PathNode Path { get; } = path;
        public Value[] Neighbors { get; } = neighbors;
        public int Next { get; set; }
    }

    /// <summary>
    /// The recursive path search written with an explicit stack (graphs can be long chains). The nodes on the
    /// current path are counted rather than flagged, because the first node may reappear on its own path (a
    /// self-loop) and must stay on it until that search ends.
    /// </summary>
    private static void BuildPaths(BuiltinContext context, ObjectValue graph, Value start, Value first, HashSet<Value> result)
    {
        var onPath = new Dictionary<Value, int> { [first] = 1 };
        var stack = new Stack<Frame>();
        Enter(start, new PathNode(first, null));
        var steps = 0;
        while (stack.Count > 0)
        {
            if ((++steps & 0xFFF) == 0) context.Cancellation.ThrowIfCancellationRequested();
            var frame = stack.Peek();
            if (frame.Next == frame.Neighbors.Length)
            {
                stack.Pop();
                if (--onPath[frame.Root] == 0) onPath.Remove(frame.Root);
                continue;
            }
            var neighbor = frame.Neighbors[frame.Next++];
            if (onPath.ContainsKey(neighbor)) result.Add(frame.Path.ToArray());
            else Enter(neighbor, frame.Path);
        }

        void Enter(Value root, PathNode path)
        {
            var edges = graph.Get(root);
            if (edges is null)
            {
                result.Add(path.ToArray());
                return;
            }
            var withRoot = new PathNode(root, path);
            var neighbors = CoreOperands.ItemsOf(edges);
            if (neighbors.Length == 0)
            {
                result.Add(withRoot.ToArray());
                return;
            }
            onPath[root] = onPath.GetValueOrDefault(root) + 1;
            stack.Push(new Frame(root, withRoot, neighbors.ToArray()));
        }
    }
}
