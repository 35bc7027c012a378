using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// The shape of the domain assembly: a feature is a folder (and namespace) at its top, <c>PartnershipLifecycle.X</c>;
/// <c>Platform</c> is what every feature shares, so it uses no feature, and the features use each other one way only.
/// Dependencies are read from the compiled code (signatures, attributes and every type, method and field an IL
/// instruction names), and Platform's <c>using</c> lines from the sources (a constant or a <c>nameof</c> leaves no trace in IL).
/// </summary>
public class FeatureDependencyTests
{
    private const string Root = "PartnershipLifecycle";

    private static readonly Assembly Domain = typeof(Features).Assembly;

    /// <summary>The features, as the compiled namespaces show them.</summary>
    private static readonly HashSet<string> FeatureNames = Domain.GetTypes()
        .Where(t => t.Namespace?.StartsWith(Root + ".", StringComparison.Ordinal) == true)
        .Select(t => Area(t.Namespace!)).Where(IsFeature).ToHashSet();

    [Fact]
    public void Platform_uses_no_feature()
    {
        var offending = Dependencies()
            .Where(d => Area(d.From) == "Platform" && IsFeature(Area(d.To)))
            .Select(d => $"{d.From} uses {d.To} ({d.Via})")
            .Distinct().Order().ToArray();

        offending.ShouldBeEmpty();
    }

    [Fact]
    public void Platform_sources_import_no_feature()
    {
        var platform = Path.Combine(ApiProcess.RepositoryRoot, "src", Root, "Platform");
        var feature = new Regex($@"\b{Root}\.(?<area>[A-Za-z]+)\b");
        var offending = Directory.EnumerateFiles(platform, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file)
                .Select((line, i) => (line, i))
                .SelectMany(l => feature.Matches(l.line).Select(m => (m.Groups["area"].Value, Where: $"{Path.GetRelativePath(platform, file)}:{l.i + 1}"))))
            .Where(m => FeatureNames.Contains(m.Value))
            .Select(m => $"{m.Where} names {Root}.{m.Value}")
            .ToArray();

        offending.ShouldBeEmpty();
    }

    [Fact]
    public void Features_depend_on_each_other_one_way()
    {
        var edges = Dependencies()
            .Select(d => (From: Area(d.From), To: Area(d.To), d.Via, Detail: $"{d.From} uses {d.To}"))
            .Where(e => IsFeature(e.From) && IsFeature(e.To) && e.From != e.To)
            .ToArray();
        var graph = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToHashSet());

        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToArray();

        cycles.Select(c => string.Join(" <-> ", c.Order()) + ": " + string.Join("; ",
                edges.Where(e => c.Contains(e.From) && c.Contains(e.To)).GroupBy(e => (e.From, e.To)).Select(g => g.First().Detail + " (" + g.First().Via + ")")))
            .ShouldBeEmpty();
    }

    [Fact]
    public void The_check_sees_a_dependency_through_a_method_body()
    {
        // Calls inside a body are found, not only signatures: the list's band filter calls health through an interface
        // of its own, and automation calls the health assessor in its handler.
        Dependencies().ShouldContain(d => d.From.StartsWith($"{Root}.Automation", StringComparison.Ordinal)
            && d.To == $"{Root}.EngagementHealth" && d.Via.StartsWith("IL", StringComparison.Ordinal));
        StronglyConnected(new() { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] })
            .ShouldContain(c => c.Count == 3);
    }

    /// <summary>The feature, <c>Platform</c>, or empty for the root (Features.cs, which lists every feature).</summary>
    private static string Area(string ns)
    {
        var rest = ns == Root ? "" : ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    private static bool IsFeature(string area) => area is not ("" or "Platform" or "Api" or "Tests" or "Benchmarks");


    private static IEnumerable<(string From, string To, string Via)> Dependencies()
    {
        foreach (var type in Domain.GetTypes().Where(t => t.Namespace?.StartsWith(Root + ".", StringComparison.Ordinal) == true))
        {
            foreach (var (used, via) in UsedBy(type))
            {
                foreach (var named in Flatten(used))
                {
                    if (named.Assembly == Domain && named.Namespace is { } ns && ns != type.Namespace
                        && ns.StartsWith(Root + ".", StringComparison.Ordinal))
                    {
                        yield return (type.Namespace!, ns, $"{via} in {type.FullName}");
                    }
                }
            }
        }
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<(Type Type, string Via)> UsedBy(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return (baseType, "base type");
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return (contract, "interface");
        }

        foreach (var attribute in Attributes(type))
        {
            yield return (attribute, "attribute");
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return (field.FieldType, "field " + field.Name);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return (property.PropertyType, "property " + property.Name);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                yield return (info.ReturnType, "return of " + method.Name);
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return (parameter.ParameterType, "parameter of " + method.Name);
                foreach (var attribute in Attributes(parameter))
                {
                    yield return (attribute, "attribute of a parameter of " + method.Name);
                }
            }

            foreach (var attribute in Attributes(method))
            {
                yield return (attribute, "attribute of " + method.Name);
            }

            foreach (var used in BodyOf(method))
            {
                yield return (used, "IL of " + method.Name);
            }
        }
    }

    private static IEnumerable<Type> Attributes(ICustomAttributeProvider provider)
    {
        IList<CustomAttributeData> attributes = provider switch
        {
            MemberInfo member => member.GetCustomAttributesData(),
            ParameterInfo parameter => parameter.GetCustomAttributesData(),
            _ => [],
        };
        foreach (var attribute in attributes)
        {
            yield return attribute.AttributeType;
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
            {
                if (argument.Value is Type named)
                {
                    yield return named;
                }
            }
        }
    }

    /// <summary>Every type an IL instruction of <paramref name="method"/> names (a type, a field's or a method's owner), and its locals.</summary>
    private static IEnumerable<Type> BodyOf(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body?.GetILAsByteArray() is not { } il)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var code = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    MemberInfo? member;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException)
                    {
                        continue;
                    }

                    switch (member)
                    {
                        case Type named:
                            yield return named;
                            break;
                        case MethodInfo called:
                            yield return called.DeclaringType!;
                            yield return called.ReturnType;
                            foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                            {
                                yield return argument;
                            }

                            break;
                        case { DeclaringType: { } owner }:
                            yield return owner;
                            break;
                    }

                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static FeatureDependencyTests()
    {
        foreach (var code in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
        {
            var value = (ushort)code.Value;
            if (code.Size == 1)
            {
                OneByte[value] = code;
            }
            else
            {
                TwoByte[value & 0xFF] = code;
            }
        }
    }

    /// <summary>A type and every type it is made of: generic arguments, element types.</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var inner in Flatten(argument))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Tarjan's strongly connected components: each component of more than one node is a cycle.</summary>
    private static IEnumerable<IReadOnlyCollection<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<IReadOnlyCollection<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct().ToArray())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }
}
