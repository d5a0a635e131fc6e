/** A department as Lark's contact API v3 returns it (§6.3); ids are open ids (open_department_id / open_id). */
export interface LarkDepartment {
  open_department_id: string;
  department_id?: string;
  name: string;
  i18n_name?: { zh_cn?: string; en_us?: string; ja_jp?: string };
  /** `"0"` under the root. */
  parent_department_id: string;
  leader_user_id?: string;
  /** A string in API answers, an int in events. */
  order?: string | number;
  member_count?: number;
  status?: { is_deleted?: boolean };
}

/** Lark's `status` object on users (API and events). */
export interface LarkUserStatus {
  is_frozen?: boolean;
  is_resigned?: boolean;
  is_activated?: boolean;
  is_exited?: boolean;
  is_unjoin?: boolean;
}

/** One entry of a user's `orders[]`. */
export interface LarkUserOrder {
  department_id?: string;
  user_order?: number;
  department_order?: number;
  is_primary_dept?: boolean;
}

/** One entry of a user's `custom_attrs[]`. */
export interface LarkCustomAttr {
  type?: string;
  id?: string;
  value?: {
    text?: string;
    url?: string;
    pc_url?: string;
    option_id?: string;
    option_value?: string;
    name?: string;
    picture_url?: string;
    generic_user?: { id?: string; type?: number };
  };
}

/** A user as Lark's contact API v3 returns it (§6.4). Fields appear only with their permission. */
export interface LarkUser {
  open_id: string;
  union_id?: string;
  user_id?: string;
  name: string;
  en_name?: string;
  nickname?: string;
  email?: string;
  enterprise_email?: string;
  mobile?: string;
  employee_no?: string;
  employee_type?: number;
  job_title?: string;
  department_ids?: string[];
  leader_user_id?: string;
  city?: string;
  country?: string;
  work_station?: string;
  join_time?: number;
  status?: LarkUserStatus;
  orders?: LarkUserOrder[];
  custom_attrs?: LarkCustomAttr[];
}

/** The app's contact permission scope as `GET /contact/v3/scopes` lists it. */
export interface LarkContactScope {
  departmentIds: string[];
  userIds: string[];
  groupIds: string[];
}

export interface LarkPage<T> {
  items?: T[];
  has_more?: boolean;
  page_token?: string;
}
