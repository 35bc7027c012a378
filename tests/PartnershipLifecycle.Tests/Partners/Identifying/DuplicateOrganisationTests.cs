using Marten;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Identifying;

/// <summary>
/// The duplicate check through HTTP (issue 12, "Duplicate organisations"): one organisation however its name is
/// written answers 409 with <c>existingPartnerId</c>; different organisations on one shared platform do not.
/// </summary>
public class DuplicateOrganisationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task SecondIsADuplicate(object first, object second)
    {
        var created = (await Coordinator.Post("/api/partners", first, 201)).Json()["partnerId"]!.GetValue<Guid>();
        var refused = await Coordinator.Post("/api/partners", second, 409);
        refused.Json()["existingPartnerId"]!.GetValue<Guid>().ShouldBe(created);
    }

    [Theory]
    [InlineData("Iberia Textil S.A.", "Iberia Textil SA")]
    [InlineData("Holland Bloem B.V.", "Holland Bloem BV")]
    [InlineData("Rocky Peak L.L.C.", "Rocky Peak LLC")]
    [InlineData("海港物流有限公司", "海港物流")]
    [InlineData("海港集團有限公司", "海港集团")]
    [InlineData("株式会社トヨタ", "トヨタ")]
    [InlineData("有限会社山田商店", "山田商店")]
    [InlineData("ＡＢＣ Ｔｒａｄｉｎｇ", "ABC Trading")]
    [InlineData("삼성전자 주식회사", "(주)삼성전자")]
    [InlineData("شركة الأمل للتجارة ذ.م.م", "الأمل للتجارة")]
    [InlineData("Café Lumière S.à r.l.", "CAFE LUMIERE SARL")]
    public async Task One_organisation_however_its_name_is_written_is_a_conflict(string first, string second) =>
        await SecondIsADuplicate(new { name = first, sector = "logistics", channel = "inbound" }, new { name = second, sector = "logistics", channel = "inbound" });

    [Theory]
    [InlineData("https://www.facebook.com/alphabakery", "https://www.facebook.com/betabakery")]
    [InlineData("alpha.bakery@gmail.com", "beta.bakery@gmail.com")]
    [InlineData("https://www.instagram.com/alphabakery", "https://www.instagram.com/betabakery")]
    [InlineData("https://www.linkedin.com/company/alpha-bakery", "https://www.linkedin.com/company/beta-bakery")]
    [InlineData("https://alphabakery.wixsite.com/shop", "https://betabakery.wixsite.com/shop")]
    [InlineData("https://sites.google.com/view/alphabakery", "https://sites.google.com/view/betabakery")]
    [InlineData("https://linktr.ee/alphabakery", "https://linktr.ee/betabakery")]
    // Directories, job boards, marketplaces and maps (found trying the service: each was a false 409).
    [InlineData("https://www.xing.com/pages/qwertymb", "https://www.xing.com/pages/aaaorg")]
    [InlineData("https://www.kununu.com/de/qwertymb", "https://www.kununu.com/de/aaaorg")]
    [InlineData("https://www.crunchbase.com/organization/alpha-bakery", "https://www.crunchbase.com/organization/beta-bakery")]
    [InlineData("https://www.indeed.com/cmp/Alpha-Bakery", "https://www.indeed.com/cmp/Beta-Bakery")]
    [InlineData("https://bsky.app/profile/alphabakery.bsky.social", "https://bsky.app/profile/betabakery.bsky.social")]
    [InlineData("https://maps.app.goo.gl/AbCdEf123", "https://maps.app.goo.gl/XyZ987")]
    [InlineData("https://www.etsy.com/shop/AlphaBakery", "https://www.etsy.com/shop/BetaBakery")]
    [InlineData("https://www.104.com.tw/company/alpha", "https://www.104.com.tw/company/beta")]
    [InlineData("https://www.facebook.com/", "https://www.facebook.com/")]
    public async Task Different_organisations_on_one_shared_platform_are_not_duplicates(string alpha, string beta)
    {
        await Coordinator.Post("/api/partners", new { name = "Alpha Bakery", sector = "food", channel = "inbound", website = alpha }, 201);
        await Coordinator.Post("/api/partners", new { name = "Beta Bakery", sector = "food", channel = "inbound", website = beta }, 201);
    }

    [Theory]
    [InlineData("https://www.facebook.com/alphabakery", "facebook.com/AlphaBakery?ref=page")]
    [InlineData("alpha.bakery@gmail.com", "mailto:Alpha.Bakery@gmail.com")]
    [InlineData("https://www.linkedin.com/company/alpha-bakery", "https://uk.linkedin.com/company/alpha-bakery/jobs")]
    [InlineData("https://alpha-bakery.example", "jane@alpha-bakery.example")]
    public async Task One_account_on_a_shared_platform_is_one_organisation(string first, string second) =>
        await SecondIsADuplicate(
            new { name = "Alpha Bakery", sector = "food", channel = "inbound", website = first },
            new { name = "The Bakery on the Corner", sector = "food", channel = "inbound", website = second });

    [Fact]
    public async Task A_snapshot_keyed_by_older_rules_is_rebuilt_with_todays_keys()
    {
        var id = await NewPartner("Iberia Textil S.A.", extra: new { website = "https://www.facebook.com/iberiatextil" });

        // The snapshot as the first rules stored it: "S.A." kept as letters, the website keyed by its domain.
        await using (var session = Store.LightweightSession(Tenant))
        {
            var partner = (await session.LoadAsync<Partner>(id, Token)).ShouldNotBeNull();
            session.Store(partner with { NormalisedName = "iberiatextilsa", WebsiteKey = null, IdentityKeysVersion = 0 });
            await session.SaveChangesAsync(Token);
        }

        (await PartnerIdentityKeys.RefreshAsync(Store, Token)).ShouldBeGreaterThanOrEqualTo(1);

        await using (var session = Store.QuerySession(Tenant))
        {
            var partner = (await session.LoadAsync<Partner>(id, Token)).ShouldNotBeNull();
            (partner.NormalisedName, partner.WebsiteKey, partner.IdentityKeysVersion).ShouldBe(("iberiatextil", "facebook.com/iberiatextil", PartnerNames.Version));
        }

        var refused = await Coordinator.Post("/api/partners", new { name = "Iberia Textil SA", sector = "x", channel = "inbound" }, 409);
        refused.Json()["existingPartnerId"]!.GetValue<Guid>().ShouldBe(id);
        (await PartnerIdentityKeys.RefreshAsync(Store, Token)).ShouldBe(0);
    }
}
