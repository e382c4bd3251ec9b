using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpPlatform.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OidcTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "activates_at",
                table: "oidc_signing_keys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Keys made before pre-publication existed signed from their creation.
            migrationBuilder.Sql("UPDATE oidc_signing_keys SET activates_at = created_at");

            migrationBuilder.CreateTable(
                name: "oidc_codes",
                columns: table => new
                {
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    redirect_uri = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    nonce = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    code_challenge = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: true),
                    auth_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    amr = table.Column<List<string>>(type: "text[]", nullable: false),
                    stamp_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    auth_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    amr = table.Column<List<string>>(type: "text[]", nullable: false),
                    stamp_hash = table.Column<string>(type: "text", nullable: true),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
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
                    grant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oidc_consents");

            migrationBuilder.DropTable(
                name: "oidc_refresh_tokens");

            migrationBuilder.DropTable(
                name: "oidc_grants");

            migrationBuilder.DropTable(
                name: "oidc_codes");

            migrationBuilder.DropColumn(
                name: "activates_at",
                table: "oidc_signing_keys");
        }
    }
}
