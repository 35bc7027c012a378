using System.Collections;
using System.Reflection;
using PartnershipLifecycle.Platform.Contracts;

namespace PartnershipLifecycle.Tests.EventSchema;

/// <summary>
/// A sample of any event type, built by reflection from its constructor, so a new event is sampled the day it
/// exists: <see cref="Full"/> fills every optional field, <see cref="Minimal"/> leaves them null or empty.
/// Values keep to the limits the event states (<see cref="BetweenAttribute"/>, <see cref="ListSizeAttribute"/>).
/// </summary>
public static class EventSamples
{
    public static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly NullabilityInfoContext Nullability = new();

    public static object Full(Type type) => Build(type, optional: true, path: type.Name);

    public static object Minimal(Type type) => Build(type, optional: false, path: type.Name);

    private static object Build(Type type, bool optional, string path)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{path}: no public constructor to build a sample with.");
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Value(p, optional, $"{path}.{p.Name}"))]);
    }

    private static object? Value(ParameterInfo parameter, bool optional, string path)
    {
        var nullable = Nullable.GetUnderlyingType(parameter.ParameterType) is not null
            || Nullability.Create(parameter).WriteState == NullabilityState.Nullable;
        if (nullable && !optional)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var between = parameter.GetCustomAttribute<BetweenAttribute>();
        var size = parameter.GetCustomAttribute<ListSizeAttribute>();
        return Of(type, optional, path, between, size);
    }

    private static object Of(Type type, bool optional, string path, BetweenAttribute? between = null, ListSizeAttribute? size = null)
    {
        var number = Math.Max(between?.Minimum ?? 1, 1);
        if (type == typeof(string))
        {
            return path.EndsWith("Domain", StringComparison.Ordinal) ? "acme.example" : "Sample " + path.Split('.').Last();
        }

        if (type == typeof(Guid))
        {
            return Guid.Parse("0192d4a8-7c3e-7a51-9f0e-3d2b1c4a5e6f");
        }

        if (type == typeof(DateOnly))
        {
            return Day;
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        }

        if (type == typeof(int))
        {
            return (int)number;
        }

        if (type == typeof(decimal))
        {
            return (decimal)number + 0.5m;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(optional ? values.Length - 1 : 0)!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var itemType = type.GetGenericArguments()[0];
            var count = optional || size?.Min > 0 ? 1 : 0;
            var items = Array.CreateInstance(itemType, count);
            for (var i = 0; i < count; i++)
            {
                items.SetValue(Of(itemType, optional, $"{path}[{i}]"), i);
            }

            return items;
        }

        if (type.IsClass && type.Namespace?.StartsWith("PartnershipLifecycle", StringComparison.Ordinal) == true && type is not IEnumerable)
        {
            return Build(type, optional, path);
        }

        throw new InvalidOperationException($"{path}: no sample for a {type.Name}; teach {nameof(EventSamples)} one.");
    }
}
