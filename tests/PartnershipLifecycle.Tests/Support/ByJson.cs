using System.Text.Json;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>Compares events by their stored JSON, so records holding lists compare by content.</summary>
public sealed class ByJson : IEqualityComparer<object>
{
    public new bool Equals(object? x, object? y) =>
        x?.GetType() == y?.GetType() && Serialize(x) == Serialize(y);

    public int GetHashCode(object obj) => Serialize(obj).GetHashCode();

    private static string Serialize(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), PartnershipJson.Options);
}
