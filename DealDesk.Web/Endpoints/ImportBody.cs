using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using Microsoft.AspNetCore.Antiforgery;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// The CSV of POST /api/vehicles/import: a text/csv body, or the first file of a multipart form. Read up to
/// <see cref="VehicleImport.MaxBytes"/> and no further, so an oversized upload is a typed 413 without being buffered.
/// </summary>
internal static class ImportBody
{
    public static async Task<byte[]> ReadAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken ct)
    {
        var request = http.Request;
        if (request.ContentLength > VehicleImport.MaxBytes) throw new DealDeskException(VehicleImport.TooLarge());
        if (request.HasFormContentType)
        {
            // A form post is the one body another site can make a signed-in browser send: a cookie-signed-in form needs
            // the antiforgery token. API clients with a bearer token (no ambient credentials) do not.
            if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                try { await antiforgery.ValidateRequestAsync(http); }
                catch (AntiforgeryValidationException)
                {
                    throw new DealDeskException(new AppError(ErrorCodes.ValidationFailed, 400,
                        "The form has expired or did not come from DealDesk. Send the file as text/csv, or reload the page and try again."));
                }
            }
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault()
                ?? throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]> { ["file"] = ["Attach the CSV file."] }));
            if (file.Length > VehicleImport.MaxBytes) throw new DealDeskException(VehicleImport.TooLarge());
            await using var stream = file.OpenReadStream();
            return await ReadLimitedAsync(stream, ct);
        }
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/csv" or "application/csv")) // not text/plain: a cross-site form can send that without a preflight
            throw new DealDeskException(new AppError(ErrorCodes.UnsupportedMediaType, 415,
                "Send the CSV as a text/csv body or as a file in a multipart/form-data form."));
        return await ReadLimitedAsync(request.Body, ct);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > VehicleImport.MaxBytes) throw new DealDeskException(VehicleImport.TooLarge());
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
