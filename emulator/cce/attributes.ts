/**
 * The CCE attribute service (seed 001): getAllAttributes (GetAllAttributesByCriteriaRequest),
 * over the attribute definitions of the caller's tenant only.
 */
import type { VendorReply } from "../vendor";
import type { CceData } from "./tenant";
import { JsonObject, success } from "./wire";
import { attributeInfo } from "./precision-queues";
import { pageOf, readPaging } from "./wire";

/** `POST protected/attributes/getAllAttributes` for the session's tenant. */
export function getAllAttributes(data: CceData, idProgram: number, body: JsonObject): VendorReply {
  const paging = readPaging(body, "GET_ALL_ATTRIBUTES_FAILED");
  if ("reply" in paging) return paging.reply;
  const rows = data.attributes.filter((a) => a.idProgram === idProgram).map(attributeInfo);
  const { page, pagingInfo } = pageOf(rows, paging);
  return success("GET_ALL_ATTRIBUTES_SUCCESS", { attributes: page, pagingInfo });
}
