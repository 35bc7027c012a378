using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnershipLifecycle.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: protected with ASP.NET Core Data Protection (AES-256-CBC with
/// HMAC-SHA256 by default) under a purpose bound to the tenant, so a stored secret is useless in a database
/// dump without the key ring and cannot be moved to another institution's webhook.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string ApplicationName = "PartnershipLifecycle";
    private const string Purpose = "PartnershipLifecycle.Webhooks.SigningSecret.v1";

    public string Protect(string tenantId, string secret) => provider.CreateProtector(Purpose, tenantId).Protect(secret);

    public string Unprotect(string tenantId, string protectedSecret) => provider.CreateProtector(Purpose, tenantId).Unprotect(protectedSecret);
}

/// <summary>One key of the Data Protection key ring, as Marten stores it (default tenant: no caller's tenant).</summary>
public sealed class DataProtectionKeyDocument
{
    /// <summary>The key's friendly name (<c>key-&lt;guid&gt;</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The key's XML as Data Protection writes it.</summary>
    public string Xml { get; set; } = "";
}

/// <summary>
/// The Data Protection key ring in PostgreSQL, so every node of the service reads and writes the same keys
/// (a key ring on one node's disk would leave the others unable to read its secrets).
/// </summary>
public sealed class MartenXmlRepository(IDocumentStore store) : IXmlRepository
{
    // IXmlRepository is synchronous and Marten 9 only asynchronous; Data Protection caches the key ring and calls
    // these once a day or per new key, so blocking a pool thread here is rare.
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var session = store.QuerySession();
        var keys = await session.Query<DataProtectionKeyDocument>().ToListAsync();
        return (IReadOnlyCollection<XElement>)[.. keys.Select(k => XElement.Parse(k.Xml))];
    }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await using var session = store.LightweightSession();
        session.Store(new DataProtectionKeyDocument { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        await session.SaveChangesAsync();
    }).GetAwaiter().GetResult();
}

public static class WebhookSecretsSetup
{
    /// <summary>Data Protection with its key ring in Marten, under one application name for every node.</summary>
    public static IServiceCollection AddWebhookSecrets(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(WebhookSecrets.ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new MartenXmlRepository(sp.GetRequiredService<IDocumentStore>())));
        services.AddSingleton<WebhookSecrets>();
        return services;
    }
}
