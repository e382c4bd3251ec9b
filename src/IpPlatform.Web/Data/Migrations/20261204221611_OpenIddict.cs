using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenIddict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Remembered consents are carried over below; until then they must not hold on to the clients' old key.
            migrationBuilder.DropForeignKey(name: "fk_oidc_consents_oidc_clients_client_id", table: "oidc_consents");

            migrationBuilder.DropTable(
                name: "oidc_refresh_tokens");

            migrationBuilder.DropTable(
                name: "oidc_grants");

            migrationBuilder.DropTable(
                name: "oidc_codes");

            migrationBuilder.DropPrimaryKey(
                name: "pk_oidc_clients",
                table: "oidc_clients");

            migrationBuilder.AddColumn<Guid>(
                name: "id",
                table: "oidc_clients",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            migrationBuilder.AddColumn<string>(
                name: "application_type",
                table: "oidc_clients",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client_secret",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client_type",
                table: "oidc_clients",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "concurrency_token",
                table: "oidc_clients",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "consent_type",
                table: "oidc_clients",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "display_names",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "json_web_key_set",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "permissions",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "properties",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requirements",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "settings",
                table: "oidc_clients",
                type: "text",
                nullable: true);

            // The registered clients move to OpenIddict's columns: the same client ids, secrets (still "sha256:…", which the
            // platform's application manager verifies), redirect addresses, and their scopes and grant types as permissions.
            migrationBuilder.Sql("""
                ALTER TABLE oidc_clients ALTER COLUMN redirect_uris TYPE text USING to_json(redirect_uris)::text;
                ALTER TABLE oidc_clients ALTER COLUMN post_logout_redirect_uris TYPE text USING to_json(post_logout_redirect_uris)::text;
                ALTER TABLE oidc_clients ALTER COLUMN redirect_uris DROP NOT NULL, ALTER COLUMN post_logout_redirect_uris DROP NOT NULL;
                UPDATE oidc_clients SET
                  client_secret = secret_hash,
                  client_type = lower(type),
                  application_type = 'web',
                  consent_type = CASE WHEN first_party THEN 'implicit' ELSE 'explicit' END,
                  concurrency_token = gen_random_uuid()::text,
                  requirements = CASE WHEN lower(type) = 'public' THEN '["ft:pkce"]' ELSE '[]' END,
                  permissions = (
                    SELECT to_json(array_agg(DISTINCT p ORDER BY p))::text FROM (
                      SELECT 'ept:token' AS p UNION ALL SELECT 'ept:revocation'
                      UNION ALL SELECT 'ept:introspection' WHERE lower(type) = 'confidential'
                      UNION ALL SELECT unnest(ARRAY['ept:authorization', 'ept:end_session', 'rst:code']) WHERE 'authorization_code' = ANY (grant_types)
                      UNION ALL SELECT 'gt:' || g FROM unnest(grant_types) AS g
                      UNION ALL SELECT 'scp:' || s FROM unnest(scopes) AS s) AS all_permissions);
                """);

            migrationBuilder.DropColumn(
                name: "first_party",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "grant_types",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "scopes",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "secret_hash",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "type",
                table: "oidc_clients");

            migrationBuilder.AlterColumn<string>(
                name: "display_name",
                table: "oidc_clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<string>(
                name: "client_id",
                table: "oidc_clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AddPrimaryKey(
                name: "pk_oidc_clients",
                table: "oidc_clients",
                column: "id");

            migrationBuilder.CreateTable(
                name: "oidc_authorizations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    concurrency_token = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    creation_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    properties = table.Column<string>(type: "text", nullable: true),
                    scopes = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_authorizations", x => x.id);
                    table.ForeignKey(
                        name: "fk_oidc_authorizations_oidc_clients_application_id",
                        column: x => x.application_id,
                        principalTable: "oidc_clients",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "oidc_encryption_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    protected_key = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_encryption_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "oidc_scopes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    concurrency_token = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    descriptions = table.Column<string>(type: "text", nullable: true),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    display_names = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    properties = table.Column<string>(type: "text", nullable: true),
                    resources = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_scopes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "oidc_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    authorization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    concurrency_token = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    creation_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expiration_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    payload = table.Column<string>(type: "text", nullable: true),
                    properties = table.Column<string>(type: "text", nullable: true),
                    redemption_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reference_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    type = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_oidc_tokens_oidc_authorizations_authorization_id",
                        column: x => x.authorization_id,
                        principalTable: "oidc_authorizations",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_oidc_tokens_oidc_clients_application_id",
                        column: x => x.application_id,
                        principalTable: "oidc_clients",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_oidc_clients_client_id",
                table: "oidc_clients",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_oidc_authorizations_application_id_status_subject_type",
                table: "oidc_authorizations",
                columns: new[] { "application_id", "status", "subject", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_oidc_scopes_name",
                table: "oidc_scopes",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_oidc_tokens_application_id_status_subject_type",
                table: "oidc_tokens",
                columns: new[] { "application_id", "status", "subject", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_oidc_tokens_authorization_id",
                table: "oidc_tokens",
                column: "authorization_id");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_tokens_creation_date",
                table: "oidc_tokens",
                column: "creation_date");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_tokens_reference_id",
                table: "oidc_tokens",
                column: "reference_id",
                unique: true);

            // A consent a user remembered stays remembered: it becomes a permanent authorization. Codes and tokens issued
            // before the move end with it (the README says so): the grants they belonged to are not carried over.
            migrationBuilder.Sql("""
                INSERT INTO oidc_authorizations (id, application_id, concurrency_token, creation_date, scopes, status, subject, type)
                SELECT gen_random_uuid(), c.id, gen_random_uuid()::text, o.granted_at, to_json(o.scopes)::text, 'valid', o.user_id::text, 'permanent'
                FROM oidc_consents o JOIN oidc_clients c ON c.client_id = o.client_id;
                """);

            migrationBuilder.DropTable(
                name: "oidc_consents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oidc_encryption_keys");

            migrationBuilder.DropTable(
                name: "oidc_scopes");

            migrationBuilder.DropTable(
                name: "oidc_tokens");

            migrationBuilder.DropTable(
                name: "oidc_authorizations");

            migrationBuilder.DropPrimaryKey(
                name: "pk_oidc_clients",
                table: "oidc_clients");

            migrationBuilder.DropIndex(
                name: "ix_oidc_clients_client_id",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "id",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "application_type",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "client_secret",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "client_type",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "concurrency_token",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "consent_type",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "display_names",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "json_web_key_set",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "permissions",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "properties",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "requirements",
                table: "oidc_clients");

            migrationBuilder.DropColumn(
                name: "settings",
                table: "oidc_clients");

            migrationBuilder.AlterColumn<List<string>>(
                name: "redirect_uris",
                table: "oidc_clients",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "post_logout_redirect_uris",
                table: "oidc_clients",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "display_name",
                table: "oidc_clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "client_id",
                table: "oidc_clients",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "first_party",
                table: "oidc_clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "grant_types",
                table: "oidc_clients",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "scopes",
                table: "oidc_clients",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "secret_hash",
                table: "oidc_clients",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "type",
                table: "oidc_clients",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_oidc_clients",
                table: "oidc_clients",
                column: "client_id");

            migrationBuilder.CreateTable(
                name: "oidc_codes",
                columns: table => new
                {
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    amr = table.Column<List<string>>(type: "text[]", nullable: false),
                    auth_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    code_challenge = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    nonce = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    redirect_uri = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    stamp_hash = table.Column<string>(type: "text", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_codes", x => x.hash);
                    table.ForeignKey(
                        name: "fk_oidc_codes_oidc_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "oidc_clients",
                        principalColumn: "client_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_oidc_codes_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oidc_consents",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_consents", x => new { x.user_id, x.client_id });
                    table.ForeignKey(
                        name: "fk_oidc_consents_oidc_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "oidc_clients",
                        principalColumn: "client_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_oidc_consents_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oidc_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    amr = table.Column<List<string>>(type: "text[]", nullable: false),
                    auth_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    stamp_hash = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_grants", x => x.id);
                    table.ForeignKey(
                        name: "fk_oidc_grants_oidc_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "oidc_clients",
                        principalColumn: "client_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_oidc_grants_oidc_codes_code_hash",
                        column: x => x.code_hash,
                        principalTable: "oidc_codes",
                        principalColumn: "hash",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_oidc_grants_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oidc_refresh_tokens",
                columns: table => new
                {
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    grant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_oidc_refresh_tokens", x => x.hash);
                    table.ForeignKey(
                        name: "fk_oidc_refresh_tokens_oidc_grants_grant_id",
                        column: x => x.grant_id,
                        principalTable: "oidc_grants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_oidc_codes_client_id",
                table: "oidc_codes",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_codes_expires_at",
                table: "oidc_codes",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_codes_user_id",
                table: "oidc_codes",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_consents_client_id",
                table: "oidc_consents",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_grants_client_id",
                table: "oidc_grants",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_grants_code_hash",
                table: "oidc_grants",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_oidc_grants_user_id_client_id",
                table: "oidc_grants",
                columns: new[] { "user_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_oidc_refresh_tokens_expires_at",
                table: "oidc_refresh_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_oidc_refresh_tokens_grant_id",
                table: "oidc_refresh_tokens",
                column: "grant_id");
        }
    }
}
