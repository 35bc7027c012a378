using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PartnershipLifecycle.Platform.Contracts;

/// <summary>
/// The XML documentation the compiler writes beside an assembly (GenerateDocumentationFile), as plain text:
/// where the event schemas take their descriptions from, so they say what the code's comments say.
/// </summary>
public sealed partial class XmlDocumentation
{
    private static readonly ConcurrentDictionary<Assembly, XmlDocumentation> Loaded = new();
    private static readonly XmlDocumentation None = new(new XDocument());
    private readonly Dictionary<string, XElement> _members;

    private XmlDocumentation(XDocument document) =>
        _members = document.Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .GroupBy(m => m.Attribute("name")!.Value)
            .ToDictionary(g => g.Key, g => g.First());

    /// <summary>The documentation of <paramref name="assembly"/>; fails when its XML file is missing.</summary>
    public static XmlDocumentation Of(Assembly assembly) =>
        TryOf(assembly) ?? throw new FileNotFoundException(
            $"No XML documentation beside {assembly.Location}: the event schemas take their descriptions from it " +
            "(GenerateDocumentationFile in its project file).");

    /// <summary>The documentation of <paramref name="assembly"/>, or null when it has none.</summary>
    public static XmlDocumentation? TryOf(Assembly assembly)
    {
        var docs = Loaded.GetOrAdd(assembly, a =>
        {
            var path = Path.ChangeExtension(a.Location, ".xml");
            return File.Exists(path) ? new XmlDocumentation(XDocument.Load(path)) : None;
        });
        return ReferenceEquals(docs, None) ? null : docs;
    }

    public string? Summary(Type type) => Text(Member("T:" + IdOf(type))?.Element("summary"));

    /// <summary>
    /// A record's positional parameter (<c>&lt;param name="..."&gt;</c>) or the property's own summary; else the
    /// summary of the interface property it implements (<c>IPartnerEvent.OccurredOn</c>).
    /// </summary>
    public string? Property(Type declaringType, string propertyName) =>
        OwnProperty(declaringType, propertyName)
        ?? declaringType.GetInterfaces().Select(i => OwnProperty(i, propertyName)).FirstOrDefault(text => text is not null);

    private string? OwnProperty(Type type, string propertyName) =>
        Text(Member("T:" + IdOf(type))?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == propertyName))
        ?? Text(Member($"P:{IdOf(type)}.{propertyName}")?.Element("summary"));

    /// <summary>A method's summary (the first overload documented under its name), e.g. an endpoint's for OpenAPI.</summary>
    public string? Method(MethodInfo method)
    {
        var prefix = $"M:{IdOf(method.DeclaringType!)}.{method.Name}";
        return Text(_members.FirstOrDefault(m => m.Key == prefix || m.Key.StartsWith(prefix + "(", StringComparison.Ordinal)).Value?.Element("summary"));
    }

    public string? EnumValue(Type enumType, string valueName) => Text(Member($"F:{IdOf(enumType)}.{valueName}")?.Element("summary"));

    private XElement? Member(string id) => _members.GetValueOrDefault(id);

    // Documentation ids write nested types with '.', generic ones by their definition (Envelope`1).
    private static string IdOf(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName!.Replace('+', '.');

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            Append(text, node);
        }

        var plain = Whitespace().Replace(text.ToString(), " ").Trim();
        return plain.Length == 0 ? null : plain;
    }

    private static void Append(StringBuilder text, XNode node)
    {
        switch (node)
        {
            case XText t:
                text.Append(t.Value);
                break;
            case XElement { Name.LocalName: "c" } code:
                text.Append('`').Append(code.Value).Append('`');
                break;
            case XElement { Name.LocalName: "see" or "seealso" } see:
                text.Append(see.Value.Length > 0 ? see.Value
                    : (string?)see.Attribute("langword")
                      ?? ((string?)see.Attribute("cref"))?.Split('.', ':').Last().Split('`')[0]
                      ?? string.Empty);
                break;
            case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                text.Append((string?)reference.Attribute("name"));
                break;
            case XElement other:
                foreach (var child in other.Nodes())
                {
                    Append(text, child);
                }

                break;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
