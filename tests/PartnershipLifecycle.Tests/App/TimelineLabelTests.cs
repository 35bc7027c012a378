using System.Reflection;
using System.Xml.Linq;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Contracts;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.App;

/// <summary>
/// The partner page's timeline speaks the reader's language: every event type a partner's stream can hold, and every
/// vocabulary value such an event carries, has a label in English and in Traditional Chinese (the page falls back to
/// the API's word only for a label that is missing, and this test keeps none missing).
/// </summary>
public sealed class TimelineLabelTests
{
    private static readonly string AppFolder = Path.Combine(ApiProcess.RepositoryRoot, "src", "PartnershipLifecycle.Api", "App");

    private static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Path.Combine(AppFolder, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    /// <summary>The contracts of the partner stream's events: every stored event type that is a partner event, all versions.</summary>
    private static IEnumerable<EventContract> PartnerEvents =>
        EventCatalogue.Stored.Where(c => typeof(IPartnerEvent).IsAssignableFrom(c.Type));

    public static TheoryData<string> Files => ["AppText.resx", "AppText.zh-HK.resx"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_event_type_of_a_partner_stream_has_a_label(string file)
    {
        var keys = Keys(file);
        PartnerEvents.Count().ShouldBeGreaterThan(20);
        PartnerEvents.Select(c => $"event.{c.Name}").Distinct().Where(k => !keys.Contains(k)).Order().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_vocabulary_value_a_partner_event_carries_has_a_label(string file)
    {
        var keys = Keys(file);
        var vocabularies = PartnerEvents
            .SelectMany(c => c.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => VocabularyOf(p.PropertyType))
            .OfType<Type>()
            .Distinct()
            .ToArray();
        vocabularies.ShouldContain(typeof(OutreachChannel));
        vocabularies.SelectMany(t => Enum.GetValues(t).Cast<Enum>().Select(v => $"{t.Name}.{AppText.Wire(v)}"))
            .Where(k => !keys.Contains(k)).Order().ShouldBeEmpty();
    }

    /// <summary>The enum a property holds: itself, nullable, or the items of a list.</summary>
    private static Type? VocabularyOf(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum)
        {
            return inner;
        }

        var item = inner.IsArray ? inner.GetElementType()
            : inner.GetInterfaces().Append(inner).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return item is { IsEnum: true } ? item : null;
    }
}
