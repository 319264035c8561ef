export interface ComplianceSnapshotsTable {
  day: string;
  product: string;
  status: string;
  hosts: number;
  taken_at: string;
}

export interface ComplianceTables {
  compliance_snapshots: ComplianceSnapshotsTable;
}
