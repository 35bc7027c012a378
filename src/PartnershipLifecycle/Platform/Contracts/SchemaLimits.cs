using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Platform.Contracts;

// The limits of docs/api.md on event fields, as eventschema/ states them. The commands' rules enforce them on the
// way in (Platform/Validation); these attributes on the event records put them into each event's JSON Schema
// (EventSchemas, in tools/PartnershipLifecycle.EventSchemaTool), so a consumer knows them without reading our code.

/// <summary>
/// A length limit on text (maxLength), and not empty when the field is required (minLength 1).
/// On a list of strings it applies to each item.
/// </summary>
public abstract class TextLimitAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;
}

/// <summary>A name: at most <see cref="Limits.Name"/> characters.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class NameTextAttribute() : TextLimitAttribute(Limits.Name);

/// <summary>Free text: at most <see cref="Limits.FreeText"/> characters.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class FreeTextAttribute() : TextLimitAttribute(Limits.FreeText);

/// <summary>A number from <paramref name="minimum"/> to <paramref name="maximum"/>, both included (minimum, maximum).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public class BetweenAttribute(double minimum, double maximum) : Attribute
{
    public double Minimum { get; } = minimum;
    public double Maximum { get; } = maximum;
}

/// <summary>A score from 1 to 5 (the critical success factors of seed 000, a pilot's rating).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class ScoreAttribute() : BetweenAttribute(1, 5);

/// <summary>A number of zero or more, without an upper bound.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class NotNegativeAttribute() : BetweenAttribute(0, double.PositiveInfinity);

/// <summary>How many items a list holds (minItems, maxItems); by default any number.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class ListSizeAttribute : Attribute
{
    public int Min { get; set; }
    public int Max { get; set; } = int.MaxValue;
}
