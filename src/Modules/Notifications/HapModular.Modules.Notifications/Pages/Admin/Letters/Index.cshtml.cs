using System.Globalization;
using HapModular.Modules.Notifications.Letters.Batch;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Notifications.Pages.Admin.Letters;

/// <summary>The mail room's daily print batches (R8): one PDF per day for an administrator to download and print.</summary>
[Authorize(Roles = Roles.Admin)]
internal sealed class IndexModel(PrintBatches batches) : PageModel
{
    public IReadOnlyList<(DateOnly Date, int Letters)> Batches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Batches = await batches.ListAsync(60, cancellationToken);

    public async Task<IActionResult> OnGetBatchAsync(string date, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || await batches.BatchPdfAsync(day, cancellationToken) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf, "application/pdf", $"letters-{day:yyyy-MM-dd}.pdf");
    }
}
