import { Migration20261125000000_initial } from './Migration20261125000000_initial.js';
import { Migration20261201000000_self_service } from './Migration20261201000000_self_service.js';
import { Migration20261207033638_staff_back_office } from './Migration20261207033638_staff_back_office.js';
import { Migration20261207050044_applicant_admin } from './Migration20261207050044_applicant_admin.js';
import { Migration20261207050057_notices_and_audit_tools } from './Migration20261207050057_notices_and_audit_tools.js';
import { Migration20261207050113_electronic_coe } from './Migration20261207050113_electronic_coe.js';

/**
 * The migrations, in order. Listed explicitly (not globbed) so that they load the same way under tsx, vitest and a
 * compiled build. `npm run migration:create -- <name>` writes a new file here and adds it to this list.
 */
export const migrationsList = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261201000000_self_service', class: Migration20261201000000_self_service },
  { name: 'Migration20261207033638_staff_back_office', class: Migration20261207033638_staff_back_office },
  { name: 'Migration20261207050044_applicant_admin', class: Migration20261207050044_applicant_admin },
  { name: 'Migration20261207050057_notices_and_audit_tools', class: Migration20261207050057_notices_and_audit_tools },
  { name: 'Migration20261207050113_electronic_coe', class: Migration20261207050113_electronic_coe },
];
