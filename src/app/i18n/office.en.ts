// The office console's own messages in English (keys: office.zh-CN.ts).
import type { OfficeMessageSchema } from './office.zh-CN'
import officeAccountsEn from './officeAccounts.en'
import officeAuditEn from './officeAudit.en'
import officeCatalogEn from './officeCatalog.en'
import officeFollowUpsEn from './officeFollowUps.en'
import officeNavEn from './officeNav.en'
import officePeopleEn from './officePeople.en'

const officeEn: OfficeMessageSchema = {
  officeNav: officeNavEn,
  officeCatalog: officeCatalogEn,
  officeFollowUps: officeFollowUpsEn,
  officeAccounts: officeAccountsEn,
  officeAudit: officeAuditEn,
  officePeople: officePeopleEn,
}

export default officeEn
