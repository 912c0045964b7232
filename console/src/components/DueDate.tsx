/** A due date; 暂定 when it lies beyond the years the working-day calendar knows and may still move. */
export function DueDate({ date, provisional }: { date: string; provisional?: boolean }) {
  return (
    <>
      {date}
      {provisional && (
        <span className="tag tag-provisional" title="期限所在年度的节假日安排尚未公布，公布后重新计算">
          暂定
        </span>
      )}
    </>
  );
}
