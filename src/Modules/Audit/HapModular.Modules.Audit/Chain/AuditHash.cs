using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HapModular.Modules.Audit.Chain;

/// <summary>
/// The chain: hash(n) = HMAC-SHA256(key, hash(n-1) ‖ canonical JSON of record n), the key named by the record's key id
/// and held outside the database. Changing any byte of any stored record changes its hash, which no longer matches
/// what the next record holds; recomputing the hashes needs the key. Records written before keys existed (no key id)
/// carry the former unkeyed SHA-256 and are accepted only before the first keyed record.
/// </summary>
internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // The hashed input, written into one buffer per thread (and cleared after each hash). Why: as a string the JSON, the
    // concatenation with the previous hash, its UTF-8 bytes, the boxed values and the array holding them were ~2 KiB per
    // appended record (issue 15). The bytes are the very ones JsonSerializer.Serialize(object?[]) gave: the same
    // Utf8JsonWriter with its default options (JavaScriptEncoder.Default), the same element converters — AuditHashTests
    // checks them against that former form.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? input;

    [ThreadStatic]
    private static Utf8JsonWriter? json;

    public static string Compute(byte[] key, string previousHash, AuditRow row)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var bytes = Input(previousHash, row);
        try
        {
            HMACSHA256.HashData(key, bytes.WrittenSpan, hash);
        }
        finally
        {
            bytes.Clear();
        }

        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The former unkeyed hash, for records written before the chain was keyed.</summary>
    public static string ComputeUnkeyed(string previousHash, AuditRow row)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Input(previousHash, row);
        try
        {
            SHA256.HashData(bytes.WrittenSpan, hash);
        }
        finally
        {
            bytes.Clear();
        }

        return Convert.ToHexStringLower(hash);
    }

    /// <summary>UTF-8 of <paramref name="previousHash"/> ‖ the canonical JSON of <paramref name="row"/>, in this thread's buffer.</summary>
    private static ArrayBufferWriter<byte> Input(string previousHash, AuditRow row)
    {
        var bytes = input ??= new ArrayBufferWriter<byte>(1024);
        bytes.ResetWrittenCount();
        bytes.Advance(Encoding.UTF8.GetBytes(previousHash, bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(previousHash.Length))));
        var writer = json ??= new Utf8JsonWriter(bytes);
        writer.Reset(bytes);
        writer.WriteStartArray();
        writer.WriteNumberValue(row.Sequence);
        Span<char> at = stackalloc char[64];
        if (!row.At.UtcDateTime.TryFormat(at, out var length, "O", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("An audit time did not fit its round-trip form.");
        }

        writer.WriteStringValue(at[..length]);
        Text(writer, row.Action);
        Text(writer, row.Outcome);
        Id(writer, row.ActorUserId);
        Text(writer, row.ActorName);
        Text(writer, row.ActorInami);
        Text(writer, row.ClientAddress);
        Id(writer, row.PatientId);
        Id(writer, row.DocumentId);
        Text(writer, row.DocumentTitle);
        Text(writer, row.Purpose);
        Text(writer, row.Reason);
        Id(writer, row.LinkOrGrantId);
        writer.WriteEndArray();
        writer.Flush();
        return bytes;
    }

    private static void Text(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void Id(Utf8JsonWriter writer, Guid? value)
    {
        if (value is { } id)
        {
            writer.WriteStringValue(id);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>One audit record as stored.</summary>
internal sealed record AuditRow(
    long Sequence,
    DateTimeOffset At,
    string Action,
    string Outcome,
    Guid? ActorUserId,
    string? ActorName,
    string? ActorInami,
    string? ClientAddress,
    Guid? PatientId,
    Guid? DocumentId,
    string? DocumentTitle,
    string? Purpose,
    string? Reason,
    Guid? LinkOrGrantId);
